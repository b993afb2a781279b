// Counts distinct strings among rows known by their hashes: sort the hashes, compare strings only where they agree.
import { toRawString } from '../table/dictionary-column.js';

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
/** Groups up to this size are deduplicated by comparing every pair, larger ones through a Set. */
const SMALL_GROUP = 8;

/**
 * The number of distinct values among `toRawString(values[rows[i]])` for i < length, where
 * `hashes[i]` is the hash of that value (any function of the string). The (hash, row) pairs are
 * grouped by the low bits of the hash (an LSD radix sort, two or three passes of 11 bits) and
 * values are compared only within a group: hashes first, strings only when the hashes are equal.
 * For a near-unique column of a million values that is two sequential passes over typed arrays
 * and a few hundred string comparisons (32-bit collisions), instead of a hash table of a million
 * entries missing the cache on every row. Exact whatever the hash: colliding values are told
 * apart by comparing them. Requires length ≤ hashes.length, rows.length; reorders `hashes` and
 * `rows` (they are scratch space).
 */
export function countDistinctByHash(
  hashes: Int32Array,
  rows: Int32Array,
  length: number,
  values: ArrayLike<unknown>,
): number {
  // Enough bits for groups of ~1 on average (22 bits: 4M groups), so groups stay small.
  const passes = length > 1 << 21 ? 3 : 2;
  const [sortedHashes, sortedRows] = sortByLowBits(hashes, rows, length, passes);
  const groupMask = passes === 3 ? -1 : (1 << (passes * RADIX_BITS)) - 1;
  let distinct = 0;
  for (let start = 0; start < length;) {
    const group = sortedHashes[start] & groupMask;
    let end = start + 1;
    while (end < length && (sortedHashes[end] & groupMask) === group) end++;
    distinct +=
      end - start === 1 ? 1 : countDistinctInGroup(sortedHashes, sortedRows, start, end, values);
    start = end;
  }
  return distinct;
}

/** Distinct values among the rows `rows[start..end)` (hashes in `hashes[start..end)`). */
function countDistinctInGroup(
  hashes: Int32Array,
  rows: Int32Array,
  start: number,
  end: number,
  values: ArrayLike<unknown>,
): number {
  if (end - start > SMALL_GROUP) {
    const seen = new Set<string>();
    for (let i = start; i < end; i++) seen.add(toRawString(values[rows[i]]));
    return seen.size;
  }
  let distinct = 0;
  for (let i = start; i < end; i++) {
    const hash = hashes[i];
    let j = start;
    while (
      j < i &&
      (hashes[j] !== hash || toRawString(values[rows[j]]) !== toRawString(values[rows[i]]))
    )
      j++;
    if (j === i) distinct++;
  }
  return distinct;
}

/**
 * Sorts the pairs (hashes[i], rows[i]), i < length, by the low `passes` × 11 bits of the hash;
 * returns the sorted arrays, which are either the inputs or two new ones (each pass scatters
 * into the other).
 */
function sortByLowBits(
  hashes: Int32Array,
  rows: Int32Array,
  length: number,
  passes: number,
): [hashes: Int32Array, rows: Int32Array] {
  let keys: Int32Array = hashes;
  let order: Int32Array = rows;
  let keysOut: Int32Array = new Int32Array(length);
  let orderOut: Int32Array = new Int32Array(length);
  const starts = new Int32Array(RADIX);
  for (let shift = 0; shift < passes * RADIX_BITS; shift += RADIX_BITS) {
    starts.fill(0);
    for (let i = 0; i < length; i++) starts[(keys[i] >>> shift) & (RADIX - 1)]++;
    let sum = 0;
    for (let bucket = 0; bucket < RADIX; bucket++) {
      const count = starts[bucket];
      starts[bucket] = sum;
      sum += count;
    }
    for (let i = 0; i < length; i++) {
      const key = keys[i];
      const to = starts[(key >>> shift) & (RADIX - 1)]++;
      keysOut[to] = key;
      orderOut[to] = order[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [order, orderOut] = [orderOut, order];
  }
  return [keys, order];
}
