// The exact-match bound against the exact probability that a random codeword reproduces the counts.
import { expect } from 'chai';
import {
  isExactlyConsistent,
  logCentralBinomial,
  logExactConsistencyBound,
} from '../../../src/core/fingerprint/exact-consistency.js';
import type { SlotEvidence } from '../../../src/core/fingerprint/slot-evidence.js';
import { createRng } from '../../../src/core/rng.js';

/** Evidence for a leak that is exactly the copy of `bits` over cells of the given release counts. */
function evidenceOf(
  released: number[],
  firstCell: number[],
  secondCell: number[],
  bits: Uint8Array,
): SlotEvidence {
  const leaked = Float64Array.from(released);
  bits.forEach((bit, s) => leaked[bit === 1 ? secondCell[s] : firstCell[s]]--);
  return {
    weights: new Float64Array(bits.length),
    leakedRows: 0,
    matchedRows: 0,
    retainedShare: 1,
    readableSlots: 0,
    cells: released.length,
    released: Float64Array.from(released),
    leaked,
    firstCell: Int32Array.from(firstCell),
    secondCell: Int32Array.from(secondCell),
  };
}

describe('core/fingerprint/exact-consistency', () => {
  it('knows the central binomial probability', () => {
    expect(Math.exp(logCentralBinomial(0))).to.equal(1);
    expect(Math.exp(logCentralBinomial(1))).to.be.closeTo(0.5, 1e-12);
    expect(Math.exp(logCentralBinomial(4))).to.be.closeTo(6 / 16, 1e-12);
    expect(Math.exp(logCentralBinomial(5))).to.be.closeTo(10 / 32, 1e-12);
  });

  it('bounds the chance that a random codeword reproduces every count (enumerated)', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 30; trial++) {
      const cells = 2 + rng.nextInt(5);
      const slots = 3 + rng.nextInt(9);
      const firstCell = Array.from({ length: slots }, () => rng.nextInt(cells));
      const secondCell = Array.from({ length: slots }, () => rng.nextInt(cells));
      const released = Array.from({ length: cells }, () => 2 * slots);
      const truth = Uint8Array.from({ length: slots }, () => rng.nextInt(2));
      const evidence = evidenceOf(released, firstCell, secondCell, truth);
      expect(isExactlyConsistent(evidence, truth)).to.equal(true);
      let consistent = 0;
      for (let mask = 0; mask < 2 ** slots; mask++) {
        const bits = Uint8Array.from({ length: slots }, (_, s) => (mask >> s) & 1);
        if (isExactlyConsistent(evidence, bits)) consistent++;
      }
      const exact = consistent / 2 ** slots;
      expect(Math.exp(logExactConsistencyBound(evidence))).to.be.at.least(exact * (1 - 1e-9));
    }
  });

  it('is 2^-S when every slot joins two cells of its own', () => {
    const slots = 6;
    const firstCell = Array.from({ length: slots }, (_, s) => 2 * s);
    const secondCell = Array.from({ length: slots }, (_, s) => 2 * s + 1);
    const evidence = evidenceOf(
      new Array(2 * slots).fill(1),
      firstCell,
      secondCell,
      new Uint8Array(slots),
    );
    expect(logExactConsistencyBound(evidence)).to.be.closeTo(-slots * Math.LN2, 1e-12);
  });

  it('is not consistent when a leaked row falls outside the release or a count differs', () => {
    const evidence = evidenceOf([1, 1, 3], [0], [1], Uint8Array.from([1]));
    expect(isExactlyConsistent(evidence, Uint8Array.from([0]))).to.equal(false);
    const extra = { ...evidence, leaked: Float64Array.from([1, 0, 4]) };
    expect(isExactlyConsistent(extra, Uint8Array.from([1]))).to.equal(false);
  });
});
