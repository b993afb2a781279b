// Index arithmetic of RFC 9162 trees on plain numbers (sizes up to 2^53, so no 32-bit bit operators).
import { LedgerError } from './errors.js';

/** The position of a complete subtree: leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A half-open range of leaves [start, end) whose Merkle tree hash a proof carries. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** The largest power of two strictly below n (the split point k of RFC 9162 §2.1.1); requires n >= 2. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** log2 of a power of two. */
export function levelOfSize(size: number): number {
  let level = 0;
  while (size > 1) {
    size /= 2;
    level++;
  }
  return level;
}

/** Throws `ledger_index_out_of_range` unless `value` is a safe non-negative integer. */
export function requireCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new LedgerError(
      'ledger_index_out_of_range',
      `${what} is ${value}, want an integer >= 0`,
      {
        details: { what, value },
      },
    );
  }
}

/** Throws `ledger_index_out_of_range` unless 0 <= leafIndex < treeSize (both safe integers). */
export function requireLeafIndex(leafIndex: number, treeSize: number): void {
  requireCount(leafIndex, 'leafIndex');
  requireCount(treeSize, 'treeSize');
  if (leafIndex >= treeSize) {
    throw new LedgerError(
      'ledger_index_out_of_range',
      `leaf index ${leafIndex} is outside a tree of size ${treeSize}`,
      {
        details: { leafIndex, treeSize },
      },
    );
  }
}

/**
 * The complete subtrees whose hashes make up MTH(D[start:end]), left to right, following the
 * RFC 9162 split (left part the largest power of two below the size). Requires the ranges that
 * RFC 9162 recursions produce: every left part is aligned to its size.
 *
 *   [0, 6) ─┬─ [0, 4)  level 2, index 0
 *           └─ [4, 6)  level 1, index 2
 */
export function completeSubtreesOfRange(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  const end = range.end;
  while (start < end) {
    const size = end - start;
    const part = isPowerOfTwo(size) ? size : largestPowerOfTwoBelow(size);
    if (start % part !== 0) {
      throw new LedgerError(
        'ledger_index_out_of_range',
        `range [${start}, ${end}) is not aligned`,
        {
          details: { start, end },
        },
      );
    }
    nodes.push({ level: levelOfSize(part), index: start / part });
    start += part;
  }
  return nodes;
}

/** The compact range of a tree of `treeSize` leaves: one complete subtree per set bit, left to right. */
export function compactRangeOf(treeSize: number): NodeId[] {
  requireCount(treeSize, 'treeSize');
  return completeSubtreesOfRange({ start: 0, end: treeSize });
}
