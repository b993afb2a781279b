import { expect } from 'chai';
import { countCandidateOriginals } from '../../../../src/core/deid/gate/candidate-originals.js';
import { bandOf, maskValue, parseNumber } from '../../../../src/core/deid/index.js';
import { isValidResidentId } from '../../../../src/core/detect/index.js';

const ID = '330110197305182594';
const isId = (v: string) => isValidResidentId(v, 20261127);
const mask = (keepStart: number, keepEnd: number) => (values: readonly string[]) =>
  values.map((v) => maskValue(v, keepStart, keepEnd, '*'));
const bands = (width: number) => (values: readonly string[]) =>
  values.map((v) => {
    const x = parseNumber(v);
    return Number.isNaN(x) ? undefined : bandOf(x, width, 0);
  });

/** Naive oracle for a mask: every filling of the hidden positions, kept when the validator passes. */
function bruteForceMask(value: string, keepStart: number, keepEnd: number): number {
  const hidden = value.length - keepStart - keepEnd;
  let count = 0;
  for (let n = 0; n < 10 ** hidden; n++) {
    const candidate =
      value.slice(0, keepStart) +
      String(n).padStart(hidden, '0') +
      value.slice(value.length - keepEnd);
    if (isId(candidate)) count++;
  }
  return count;
}

/** Naive oracle for bands: every 18-digit number within ±5000 of the value with the same band. */
function bruteForceBands(value: string, width: number): number {
  const target = bandOf(parseNumber(value), width, 0);
  const origin = BigInt(value);
  let count = 0;
  for (let d = -5000n; d <= 5000n; d++) {
    const candidate = (origin + d).toString();
    if (bandOf(parseNumber(candidate), width, 0) === target && isId(candidate)) count++;
  }
  return count;
}

describe('core/deid gate: candidate originals of a released identifier', () => {
  const cases: {
    desc: string;
    value: string;
    release: (v: readonly string[]) => readonly (string | undefined)[];
    want: number;
  }[] = [
    {
      desc: 'a mask keeping 17 of 18 characters (the check character hidden)',
      value: ID,
      release: mask(17, 0),
      want: 1,
    },
    {
      desc: 'a mask hiding one digit, the check character kept',
      value: ID,
      release: mask(10, 7),
      want: 1,
    },
    {
      desc: 'a mask keeping region and birth date (4 hidden: the oracle count)',
      value: ID,
      release: mask(14, 0),
      want: bruteForceMask(ID, 14, 0),
    },
    {
      desc: 'a mask hiding two digits and keeping the check (about 100 / 11)',
      value: ID,
      release: mask(14, 2),
      want: bruteForceMask(ID, 14, 2),
    },
    {
      desc: 'bands of width 1 over an 18-digit ID (float64 steps of 64)',
      value: ID,
      release: bands(1),
      want: bruteForceBands(ID, 1),
    },
    {
      desc: 'bands of width 1000 (float64 moves the band edges)',
      value: ID,
      release: bands(1000),
      want: bruteForceBands(ID, 1000),
    },
  ];
  for (const { desc, value, release, want } of cases)
    it(`counts ${desc}`, () => {
      expect(countCandidateOriginals(value, release, isId)).to.equal(want);
    });

  it('keeps the bands oracle honest: width 1 leaves fewer than 20, width 1000 about 90', () => {
    expect(bruteForceBands(ID, 1)).to.be.within(1, 19);
    expect(bruteForceBands(ID, 1000)).to.be.within(60, 120);
  });

  it('counts a mobile mask keeping 3 + 4 digits without a checksum: 10^4', () => {
    expect(countCandidateOriginals('13812345678', mask(3, 4), undefined)).to.equal(10_000);
  });

  it('stops counting once enough candidates are found', () => {
    const counted = countCandidateOriginals('13812345678', mask(3, 4), undefined, 20);
    expect(counted).to.be.at.least(20).and.below(10_000);
  });

  it('estimates a masked Han given name from common characters, and a constant as unbounded', () => {
    expect(countCandidateOriginals('张伟', mask(1, 0), undefined)).to.be.at.least(3500);
    expect(countCandidateOriginals('张伟明', mask(1, 1), undefined)).to.equal(3500);
    expect(countCandidateOriginals('张伟明', (v) => v, undefined)).to.equal(1);
    expect(countCandidateOriginals(ID, (v) => v.map(() => '*'), isId)).to.be.above(1e9);
  });

  it('ignores the validator when the value itself fails it', () => {
    const invalid = '330110197305182595';
    expect(isId(invalid)).to.equal(false);
    expect(countCandidateOriginals(invalid, mask(16, 0), isId)).to.equal(100);
  });
});
