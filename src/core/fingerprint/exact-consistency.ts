// The second test, for a leak that is one copy exactly (columns dropped, renamed or re-encoded,
// rows reordered, nothing added or removed): a codeword either reproduces every cell count or not,
// and a random codeword reproduces them all only with a probability bounded here.
import type { SlotEvidence } from './slot-evidence.js';

/**
 * Whether the copy of the trade with codeword `bits` has exactly the leak's count in every cell:
 * L(C) = n(C) − (rows of C the codeword withholds) for all C, and no leaked row outside them.
 */
export function isExactlyConsistent(evidence: SlotEvidence, bits: Uint8Array): boolean {
  const { released, leaked, firstCell, secondCell } = evidence;
  if (released.length === 0) return false;
  const expected = Float64Array.from(released);
  for (let s = 0; s < bits.length; s++) expected[bits[s] === 1 ? secondCell[s] : firstCell[s]]--;
  for (let cell = 0; cell < expected.length; cell++)
    if (expected[cell] !== leaked[cell]) return false;
  return true;
}

/**
 * ln of an upper bound on the probability that a random codeword (fair independent bits) is exactly
 * consistent with given counts. Cells are nodes, slots are edges between their members' cells (a
 * slot inside one cell withholds one of its rows whatever its bit). Taking nodes in order, given
 * every bit of an edge to an earlier node, the count a node receives from its d edges to later
 * nodes is Binomial(d, ½), which hits any one value with probability at most C(d, ⌊d/2⌋)/2^d; by
 * iterated conditioning the product over nodes bounds the probability that every count matches.
 * The order matters only for tightness: the better of two orders is returned (both are bounds).
 */
export function logExactConsistencyBound(evidence: SlotEvidence): number {
  const { firstCell, secondCell, released } = evidence;
  if (released.length === 0) return 0;
  const degree = new Int32Array(released.length);
  for (let s = 0; s < firstCell.length; s++) {
    if (firstCell[s] === secondCell[s]) continue;
    degree[firstCell[s]]++;
    degree[secondCell[s]]++;
  }
  const nodes: number[] = [];
  for (let cell = 0; cell < degree.length; cell++) if (degree[cell] > 0) nodes.push(cell);
  const ascending = [...nodes].sort((a, b) => degree[a] - degree[b] || a - b);
  const descending = [...ascending].reverse();
  return Math.min(boundInOrder(evidence, ascending), boundInOrder(evidence, descending));
}

function boundInOrder(evidence: SlotEvidence, order: readonly number[]): number {
  const { firstCell, secondCell, released } = evidence;
  const position = new Int32Array(released.length).fill(-1);
  order.forEach((cell, index) => (position[cell] = index));
  // Each edge counts toward the earlier of its two endpoints.
  const later = new Int32Array(released.length);
  for (let s = 0; s < firstCell.length; s++) {
    const a = firstCell[s];
    const b = secondCell[s];
    if (a === b) continue;
    later[position[a] < position[b] ? a : b]++;
  }
  let bound = 0;
  for (const cell of order) bound += logCentralBinomial(later[cell]);
  return bound;
}

/** ln(C(d, ⌊d/2⌋) / 2^d): the largest probability of one value of Binomial(d, ½). */
export function logCentralBinomial(d: number): number {
  let value = 0;
  const half = Math.floor(d / 2);
  // ln C(d, h) = Σ_{i=1..h} ln((d − h + i) / i)
  for (let i = 1; i <= half; i++) value += Math.log((d - half + i) / i);
  return value - d * Math.LN2;
}
