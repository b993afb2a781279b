// A sorted sample of numbers kept as its distinct values and their cumulative counts (run-length
// form): what a numeric column's statistics, quantiles, distance and histogram read, without a
// number per row. A million costs of a hundred thousand distinct amounts are two arrays of a
// hundred thousand, not eight megabytes per side of the comparison.

/** A sample sorted ascending, as runs of equal numbers. */
export interface NumberRuns {
  /** The distinct numbers, ascending (no NaN; -0 is held as 0). */
  readonly values: Float64Array;
  /**
   * `ends[i]` = how many numbers of the sample are at most `values[i]`: sorted, the sample holds
   * `values[i]` at ranks `ends[i - 1] .. ends[i] - 1` (from 0 for the first run).
   */
  readonly ends: Float64Array;
  /** The sample's size (the last end; 0 when empty). */
  readonly total: number;
}

/**
 * The numbers `byCode[code]`, each `counts[code]` times (NaN left out), as runs. Work scales with
 * codes, not rows: the distinct numbers are sorted as a typed array and each code's count is added
 * to its number's run, found by binary search (several strings can stand for one number: "30-39"
 * and "[30, 39]", "5" and "5.0").
 */
export function numberRunsOfCounts(byCode: Float64Array, counts: ArrayLike<number>): NumberRuns {
  const present = new Float64Array(byCode.length);
  let n = 0;
  for (let code = 0; code < byCode.length; code++)
    if (counts[code] > 0 && !Number.isNaN(byCode[code])) present[n++] = byCode[code];
  present.subarray(0, n).sort();
  // Distinct numbers in place; -0 and 0 are one number (+ 0 writes it as 0).
  let distinct = 0;
  for (let i = 0; i < n; i++)
    if (distinct === 0 || present[i] !== present[distinct - 1])
      present[distinct++] = present[i] + 0;
  const values = present.slice(0, distinct);
  const ends = new Float64Array(distinct);
  for (let code = 0; code < byCode.length; code++)
    if (counts[code] > 0 && !Number.isNaN(byCode[code]))
      ends[indexOfSorted(values, byCode[code])] += counts[code];
  for (let i = 1; i < distinct; i++) ends[i] += ends[i - 1];
  return { values, ends, total: distinct === 0 ? 0 : ends[distinct - 1] };
}

/** The number at `rank` (0 ≤ rank < total) of the sample sorted ascending. */
export function numberAtRank(runs: NumberRuns, rank: number): number {
  // The first run ending after `rank`.
  let low = 0;
  let high = runs.ends.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (runs.ends[middle] <= rank) low = middle + 1;
    else high = middle;
  }
  return runs.values[low];
}

/** The index of `value` in ascending `sorted`, which holds it. */
function indexOfSorted(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
