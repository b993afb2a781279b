// Which leaf ranges an inclusion or consistency proof consists of (RFC 9162 §2.1.3.1, §2.1.4.1).
import { LedgerError } from './errors.js';
import {
  largestPowerOfTwoBelow,
  requireCount,
  requireLeafIndex,
  type LeafRange,
} from './tree-math.js';

/**
 * The ranges whose hashes form PATH(leafIndex, D[0:treeSize]), in proof order (leaf upwards).
 * Requires 0 <= leafIndex < treeSize. RFC 9162 §2.1.3.1:
 *   PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      for m < k
 *                 = PATH(m - k, D[k:n]) : MTH(D[0:k])  for m >= k
 */
export function inclusionProofRanges(leafIndex: number, treeSize: number): LeafRange[] {
  requireLeafIndex(leafIndex, treeSize);
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  let m = leafIndex;
  // Walk down from the root; the RFC's recursion appends on the way back, so reverse at the end.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return ranges.reverse();
}

/**
 * The ranges whose hashes form PROOF(firstSize, D[0:secondSize]), in proof order.
 * Requires 0 < firstSize <= secondSize (an empty proof when they are equal). RFC 9162 §2.1.4.1:
 *   SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])            for m <= k
 *                        = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])    for m > k
 */
export function consistencyProofRanges(firstSize: number, secondSize: number): LeafRange[] {
  requireCount(firstSize, 'firstSize');
  requireCount(secondSize, 'secondSize');
  if (firstSize === 0) {
    throw new LedgerError(
      'ledger_consistency_from_empty_tree',
      'no consistency proof from the empty tree',
      {
        details: { firstSize, secondSize },
      },
    );
  }
  if (firstSize > secondSize) {
    throw new LedgerError(
      'ledger_index_out_of_range',
      `first size ${firstSize} exceeds second size ${secondSize}`,
      {
        details: { firstSize, secondSize },
      },
    );
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = secondSize;
  let m = firstSize;
  let wholeOldTree = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) ranges.push({ start, end });
  return ranges.reverse();
}
