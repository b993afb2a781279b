// The null bound against the exact distribution of a Rademacher sum, enumerated (the naive oracle).
import { expect } from 'chai';
import { logRademacherTail } from '../../../src/core/fingerprint/index.js';
import { createRng } from '../../../src/core/rng.js';

/** P(Σ ε_s w_s ≥ t) by enumerating every sign pattern. */
function exactTail(weights: readonly number[], t: number): number {
  let hits = 0;
  const patterns = 2 ** weights.length;
  for (let mask = 0; mask < patterns; mask++) {
    let sum = 0;
    for (let s = 0; s < weights.length; s++) sum += (mask >> s) & 1 ? weights[s] : -weights[s];
    if (sum >= t - 1e-9) hits++;
  }
  return hits / patterns;
}

describe('core/fingerprint/rademacher-tail', () => {
  it('is an upper bound on the exact tail, within a modest factor', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const m = 4 + rng.nextInt(11);
      const weights = Array.from({ length: m }, () =>
        rng.nextInt(3) === 0 ? 0 : 0.1 + rng.next() * 2,
      );
      const total = weights.reduce((a, w) => a + w, 0);
      for (const share of [0.1, 0.4, 0.7, 0.95]) {
        const t = share * total;
        const exact = exactTail(weights, t);
        const bound = Math.exp(logRademacherTail(Float64Array.from(weights), t));
        expect(bound, `m=${m} t=${t}`).to.be.at.least(exact * (1 - 1e-9));
        if (exact > 0) expect(bound / exact, `m=${m} t=${t}`).to.be.below(50);
      }
    }
  });

  it('is exactly 2^-m when every non-zero sign must match', () => {
    const weights = Float64Array.from([1, 0.5, 0, 2, 0.25]);
    expect(logRademacherTail(weights, 3.75)).to.be.closeTo(-4 * Math.LN2, 1e-12);
    expect(Math.exp(logRademacherTail(weights, 3.75))).to.be.closeTo(
      exactTail([...weights], 3.75),
      1e-12,
    );
  });

  it('gives probability 1 for a score ≤ 0 and 0 beyond the largest possible sum', () => {
    const weights = Float64Array.from([1, 2]);
    expect(logRademacherTail(weights, 0)).to.equal(0);
    expect(logRademacherTail(weights, -1)).to.equal(0);
    expect(logRademacherTail(weights, 3.5)).to.equal(-Infinity);
    expect(logRademacherTail(new Float64Array(3), 1)).to.equal(-Infinity);
  });

  it('stays finite far in the tail (log scale)', () => {
    const weights = new Float64Array(400).fill(1);
    const log = logRademacherTail(weights, 300);
    // Chernoff for a binomial: −m·KL(7/8 ‖ 1/2) in nats.
    const kl = (7 / 8) * Math.log(7 / 4) + (1 / 8) * Math.log(1 / 4);
    expect(log).to.be.closeTo(-400 * kl, 1e-6);
  });
});
