// Counts distinct strings among rows known by their hashes: sort the hashes, compare strings only where they agree.
import { toRawString } from '../table/dictionary-column.js';

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
/** Runs of equal hashes up to this length are deduplicated by comparing every pair, longer ones through a Set. */
const SMALL_RUN = 8;

/**
 * The number of distinct values among `toRawString(values[rows[i]])` for i < length, where
 * `hashes[i]` is the hash of that value (any function of the string). The (hash, row) pairs are
 * sorted by hash (LSD radix sort, three passes of 11 bits) and strings are compared only within
 * runs of equal hashes: for a near-unique column of a million values that is three sequential
 * passes over typed arrays and a few hundred comparisons (32-bit collisions), instead of a hash
 * table of a million entries missing the cache on every row. Exact whatever the hash: colliding
 * values are told apart by comparing them. Requires length ≤ hashes.length, rows.length;
 * reorders `hashes` and `rows` (they are scratch space).
 */
export function countDistinctByHash(
  hashes: Int32Array,
  rows: Int32Array,
  length: number,
  values: ArrayLike<unknown>,
): number {
  const [sortedHashes, sortedRows] = sortByHash(hashes, rows, length);
  let distinct = 0;
  for (let start = 0; start < length;) {
    const hash = sortedHashes[start];
    let end = start + 1;
    while (end < length && sortedHashes[end] === hash) end++;
    distinct += end - start === 1 ? 1 : countDistinctInRun(sortedRows, start, end, values);
    start = end;
  }
  return distinct;
}

/** Distinct values among the rows `rows[start..end)`, whose hashes are equal. */
function countDistinctInRun(
  rows: Int32Array,
  start: number,
  end: number,
  values: ArrayLike<unknown>,
): number {
  if (end - start > SMALL_RUN) {
    const seen = new Set<string>();
    for (let i = start; i < end; i++) seen.add(toRawString(values[rows[i]]));
    return seen.size;
  }
  let distinct = 0;
  for (let i = start; i < end; i++) {
    const value = toRawString(values[rows[i]]);
    let j = start;
    while (j < i && toRawString(values[rows[j]]) !== value) j++;
    if (j === i) distinct++;
  }
  return distinct;
}

/**
 * Sorts the pairs (hashes[i], rows[i]), i < length, by hash as an unsigned number; returns the
 * sorted arrays, which are either the inputs or two new ones (each pass scatters into the other).
 */
function sortByHash(
  hashes: Int32Array,
  rows: Int32Array,
  length: number,
): [hashes: Int32Array, rows: Int32Array] {
  let keys: Int32Array = hashes;
  let order: Int32Array = rows;
  let keysOut: Int32Array = new Int32Array(length);
  let orderOut: Int32Array = new Int32Array(length);
  const starts = new Int32Array(RADIX);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
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
