// The right edge of a growing tree: append leaves, learn which complete subtrees were finished, get the root.
import type { LogHasher } from './hasher.js';
import { compactRangeOf, type NodeId } from './tree-math.js';

/** A complete subtree finished by an append, ready to be stored for proofs. */
export interface FinishedSubtree extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * The compact range of a log of `size` leaves: the hashes of its maximal complete subtrees, left to
 * right (one per set bit of `size`). Appending a leaf merges equal-sized neighbours, as carrying
 * in binary addition does; each merge finishes one subtree of level ≥ 1.
 */
export class CompactRange {
  private readonly hashes: Uint8Array[];
  private treeSize: number;

  /** Requires `hashes` to be the subtree hashes of compactRangeOf(size), in that order. */
  constructor(
    private readonly hasher: LogHasher,
    size = 0,
    hashes: readonly Uint8Array[] = [],
  ) {
    if (compactRangeOf(size).length !== hashes.length) {
      throw new RangeError(
        `a compact range of size ${size} has ${compactRangeOf(size).length} hashes`,
      );
    }
    this.treeSize = size;
    this.hashes = [...hashes];
  }

  get size(): number {
    return this.treeSize;
  }

  /** Appends leaf `this.size`; returns the subtrees of level ≥ 1 this append completed. */
  append(leafHash: Uint8Array): FinishedSubtree[] {
    const finished: FinishedSubtree[] = [];
    const leafIndex = this.treeSize;
    let hash = leafHash;
    let level = 0;
    let carry = leafIndex;
    // While bit `level` of the old size is set, a complete subtree of that level sits to our left.
    while (carry % 2 === 1) {
      const left = this.hashes.pop() as Uint8Array;
      hash = this.hasher.hashChildren(left, hash);
      level++;
      carry = (carry - 1) / 2;
      finished.push({ level, index: carry, hash });
    }
    this.hashes.push(hash);
    this.treeSize++;
    return finished;
  }

  /**
   * Appends leaf `this.size` without reporting the finished subtrees: the verifiers' hot path,
   * which needs only the root (no per-append array or node objects).
   */
  appendLeafHash(leafHash: Uint8Array): void {
    // Same carry loop as append(): `append(leafHash)` with the finished list dropped.
    let hash = leafHash;
    let carry = this.treeSize;
    while (carry % 2 === 1) {
      hash = this.hasher.hashChildren(this.hashes.pop() as Uint8Array, hash);
      carry = (carry - 1) / 2;
    }
    this.hashes.push(hash);
    this.treeSize++;
  }

  /** MTH of the whole log: the compact range folded right to left. */
  root(): Uint8Array {
    if (this.hashes.length === 0) return this.hasher.emptyRoot();
    let hash = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--)
      hash = this.hasher.hashChildren(this.hashes[i], hash);
    return hash;
  }

  /** The current compact range (for persisting or cloning). */
  toHashes(): readonly Uint8Array[] {
    return [...this.hashes];
  }
}

/** MTH of a list of leaf hashes (RFC 9162 §2.1.1), in O(n) time and O(log n) memory. */
export function rootFromLeafHashes(
  hasher: LogHasher,
  leafHashes: Iterable<Uint8Array>,
): Uint8Array {
  const range = new CompactRange(hasher);
  for (const leafHash of leafHashes) range.appendLeafHash(leafHash);
  return range.root();
}
