// Inclusion and consistency proofs computed from stored complete-subtree hashes in O(log n).
import type { LogHasher } from './hasher.js';
import { consistencyProofRanges, inclusionProofRanges } from './proof-ranges.js';
import { hashOfRange, nodesNeededForRanges, type SubtreeHashSource } from './subtree-source.js';
import type { NodeId } from './tree-math.js';

/** Subtrees a source must hold to answer `inclusionProof(leafIndex, treeSize)`. */
export function nodesNeededForInclusionProof(leafIndex: number, treeSize: number): NodeId[] {
  return nodesNeededForRanges(inclusionProofRanges(leafIndex, treeSize));
}

/** Subtrees a source must hold to answer `consistencyProof(firstSize, secondSize)`. */
export function nodesNeededForConsistencyProof(firstSize: number, secondSize: number): NodeId[] {
  return nodesNeededForRanges(consistencyProofRanges(firstSize, secondSize));
}

/** Subtrees a source must hold to compute the root of a tree of `treeSize` leaves. */
export function nodesNeededForRoot(treeSize: number): NodeId[] {
  return nodesNeededForRanges([{ start: 0, end: treeSize }]);
}

/** PATH(leafIndex, D[0:treeSize]) (RFC 9162 §2.1.3.1); requires 0 <= leafIndex < treeSize. */
export function inclusionProof(
  leafIndex: number,
  treeSize: number,
  source: SubtreeHashSource,
  hasher: LogHasher,
): Uint8Array[] {
  return inclusionProofRanges(leafIndex, treeSize).map((range) =>
    hashOfRange(range, source, hasher),
  );
}

/** PROOF(firstSize, D[0:secondSize]) (RFC 9162 §2.1.4.1); requires 0 < firstSize <= secondSize. */
export function consistencyProof(
  firstSize: number,
  secondSize: number,
  source: SubtreeHashSource,
  hasher: LogHasher,
): Uint8Array[] {
  return consistencyProofRanges(firstSize, secondSize).map((range) =>
    hashOfRange(range, source, hasher),
  );
}

/** MTH(D[0:treeSize]) from stored subtrees. */
export function rootFromSource(
  treeSize: number,
  source: SubtreeHashSource,
  hasher: LogHasher,
): Uint8Array {
  return hashOfRange({ start: 0, end: treeSize }, source, hasher);
}
