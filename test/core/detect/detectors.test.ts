import { expect } from 'chai';
import { createDetectors, toChinaYmd, type DetectorKind } from '../../../src/core/detect/index.js';
import { toHalfWidth } from '../../../src/core/table/index.js';
import { detectorVectors, TODAY_YMD } from './vectors/detector-vectors.js';

describe('core/detect detectors', () => {
  const detectors = createDetectors({ todayYmd: TODAY_YMD });
  const byKind = new Map(detectors.map((d) => [d.kind, d]));
  for (const [kind, { valid, invalid }] of Object.entries(detectorVectors) as [
    DetectorKind,
    (typeof detectorVectors)[DetectorKind],
  ][]) {
    describe(kind, () => {
      for (const value of valid)
        it(`accepts ${value}`, () =>
          expect(byKind.get(kind)!.matches(toHalfWidth(value))).to.equal(true));
      for (const { value, why } of invalid)
        it(`refuses ${value} (${why})`, () =>
          expect(byKind.get(kind)!.matches(toHalfWidth(value))).to.equal(false));
    });
  }

  it('every detector kind has vectors', () => {
    expect(detectors.map((d) => d.kind).sort()).to.deep.equal(Object.keys(detectorVectors).sort());
  });

  it('a resident ID born today is valid, tomorrow is not', () => {
    const detector = createDetectors({ todayYmd: 20000229 })[0];
    expect(detector.matches('65010220000229001X')).to.equal(true);
    const dayBefore = createDetectors({ todayYmd: 20000228 })[0];
    expect(dayBefore.matches('65010220000229001X')).to.equal(false);
  });

  it('today is computed in China time', () => {
    // 2026-11-27T16:30Z is already 28 November in Beijing.
    expect(toChinaYmd(Date.UTC(2026, 10, 27, 16, 30))).to.equal(20261128);
    expect(toChinaYmd(Date.UTC(2026, 10, 27, 15, 59))).to.equal(20261127);
  });
});
