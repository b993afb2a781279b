import { expect } from 'chai';
import {
  estimatePopulationUniqueness,
  hypergeometricOne,
} from '../../../src/core/privacy/population-uniqueness.js';
import { PrivacyError } from '../../../src/core/privacy/privacy-error.js';
import { classesOfSizes } from './fixtures.js';

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

describe('core/privacy/population-uniqueness', () => {
  it('hypergeometric P(X = 1) agrees with the binomial-coefficient formula', () => {
    for (const [N, K, n] of [
      [10, 1, 3],
      [10, 3, 4],
      [20, 5, 10],
      [30, 7, 25],
      [8, 8, 2],
      [12, 6, 12],
    ]) {
      const want = (K * choose(N - K, n - 1)) / choose(N, n);
      expect(hypergeometricOne(N, K, n), `N=${N} K=${K} n=${n}`).to.be.closeTo(want, 1e-12);
    }
  });

  it('Zayatz by hand: sizes 1, 1, 2 at π = 0.5 (N = 8): P1 = 1/2, P2 = 4/7, conditional 7/11', () => {
    const estimate = estimatePopulationUniqueness(classesOfSizes([1, 1, 2]), 0.5);
    expect(estimate.populationSize).to.equal(8);
    expect(estimate.conditionalUniqueness).to.be.closeTo(7 / 11, 1e-15);
    expect(estimate.populationUniques).to.be.closeTo(28 / 11, 1e-12);
    expect(estimate.populationUniqueness).to.be.closeTo(7 / 22, 1e-12);
  });

  it('no sample uniques: no population uniques', () => {
    expect(estimatePopulationUniqueness(classesOfSizes([2, 3]), 0.1).populationUniques).to.equal(0);
  });

  it('a census (π = 1) keeps every sample unique', () => {
    const estimate = estimatePopulationUniqueness(classesOfSizes([1, 1, 3]), 1);
    expect(estimate.populationUniques).to.be.closeTo(2, 1e-12);
  });

  it('refuses a sampling fraction outside (0, 1]', () => {
    for (const fraction of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => estimatePopulationUniqueness(classesOfSizes([1]), fraction))
        .to.throw(PrivacyError)
        .with.property('code', 'privacy_invalid_parameter');
    }
  });
});
