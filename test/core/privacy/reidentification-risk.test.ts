import { expect } from 'chai';
import {
  measureReidentificationRisk,
  riskDistribution,
} from '../../../src/core/privacy/reidentification-risk.js';
import { PrivacyError } from '../../../src/core/privacy/privacy-error.js';
import { classesOfSizes } from './fixtures.js';

describe('core/privacy/reidentification-risk', () => {
  const sizes = [3, 4, 2]; // n = 9

  it('prosecutor risk from class sizes 3, 4, 2', () => {
    const risk = measureReidentificationRisk(classesOfSizes(sizes), { threshold: 0.3 });
    expect(risk.prosecutor.highest).to.equal(1 / 2);
    expect(risk.prosecutor.lowest).to.equal(1 / 4);
    expect(risk.prosecutor.average).to.equal(3 / 9);
    expect(risk.prosecutor.recordsAtRisk).to.equal(5 / 9); // 1/2 and 1/3 exceed 0.3
    expect(risk.journalist).to.deep.equal(risk.prosecutor);
    expect(risk.journalistModel).to.equal('sample');
    expect(risk.marketer).to.equal(3 / 9);
    expect(risk.sampleUniques).to.equal(0);
  });

  const boundaries = [
    { desc: 'risk exactly at the threshold (1/3) is not at risk', threshold: 1 / 3, want: 2 / 9 },
    { desc: 'risk exactly at the threshold (1/2) is not at risk', threshold: 0.5, want: 0 },
    { desc: 'a threshold of 0 puts every record at risk', threshold: 0, want: 1 },
    { desc: 'a threshold of 1 puts none at risk', threshold: 1, want: 0 },
  ];
  for (const { desc, threshold, want } of boundaries) {
    it(desc, () => {
      expect(
        measureReidentificationRisk(classesOfSizes(sizes), { threshold }).prosecutor.recordsAtRisk,
      ).to.equal(want);
    });
  }

  it('all records unique: every risk is 1', () => {
    const risk = measureReidentificationRisk(classesOfSizes([1, 1, 1, 1]), { threshold: 0.5 });
    expect(risk.prosecutor).to.deep.equal({ highest: 1, lowest: 1, average: 1, recordsAtRisk: 1 });
    expect(risk.sampleUniques).to.equal(1);
  });

  it('one class: risk 1/n', () => {
    const risk = measureReidentificationRisk(classesOfSizes([8]), { threshold: 0.2 });
    expect(risk.prosecutor).to.deep.equal({
      highest: 1 / 8,
      lowest: 1 / 8,
      average: 1 / 8,
      recordsAtRisk: 0,
    });
  });

  it('all suppressed: no released record carries risk', () => {
    const risk = measureReidentificationRisk(classesOfSizes([], 5), { threshold: 0.2 });
    expect(risk.prosecutor).to.deep.equal({ highest: 0, lowest: 0, average: 0, recordsAtRisk: 0 });
    expect(risk.sampleUniques).to.equal(0);
  });

  it('suppressed records are left out of n', () => {
    const risk = measureReidentificationRisk(classesOfSizes([1, 3], 4), { threshold: 0.5 });
    expect(risk.prosecutor.average).to.equal(2 / 4);
    expect(risk.sampleUniques).to.equal(1 / 4);
  });

  it('journalist and marketer risk against population counts F = 6, 8, 2', () => {
    const risk = measureReidentificationRisk(classesOfSizes(sizes), {
      threshold: 0.3,
      populationClassSizes: new Int32Array([6, 8, 2]),
    });
    expect(risk.journalistModel).to.equal('population');
    expect(risk.journalist.highest).to.equal(1 / 2);
    expect(risk.journalist.lowest).to.equal(1 / 8);
    expect(risk.journalist.recordsAtRisk).to.equal(2 / 9);
    const marketer = (3 / 6 + 4 / 8 + 2 / 2) / 9;
    expect(risk.marketer).to.be.closeTo(marketer, 1e-15);
    expect(risk.journalist.average).to.be.closeTo(Math.max(3 / 16, marketer), 1e-15);
    expect(risk.prosecutor.highest).to.equal(1 / 2);
  });

  it('raises a population count below the sample count to the sample count', () => {
    const risk = measureReidentificationRisk(classesOfSizes([3]), {
      threshold: 0.5,
      populationClassSizes: new Int32Array([0]),
    });
    expect(risk.journalist.highest).to.equal(1 / 3);
    expect(risk.marketer).to.equal(1 / 3);
  });

  it('refuses a threshold outside [0, 1] and population counts of the wrong length', () => {
    expect(() => measureReidentificationRisk(classesOfSizes(sizes), { threshold: 1.5 }))
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_invalid_parameter');
    expect(() =>
      measureReidentificationRisk(classesOfSizes(sizes), {
        threshold: 0.1,
        populationClassSizes: new Int32Array(2),
      }),
    )
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_length_mismatch');
  });

  it('distributes records over risk bins', () => {
    const bins = riskDistribution(classesOfSizes([1, 2, 4, 100]));
    const byTo = new Map(bins.map((bin) => [bin.to, bin.records]));
    expect(byTo.get(1)).to.equal(1);
    expect(byTo.get(0.5)).to.equal(2);
    expect(byTo.get(0.25)).to.equal(4);
    expect(byTo.get(0.01)).to.equal(100);
    expect(bins.reduce((sum, bin) => sum + bin.share, 0)).to.be.closeTo(1, 1e-12);
  });
});
