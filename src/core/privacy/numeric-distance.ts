// How far a numeric column moved, on its own scale (total variation calls a cost rounded to 10 yuan
// a complete change: every label is new). Both figures are divided by the original range, so 0 is
// unchanged and 1 is a move across the whole range.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { NumberRuns } from './number-runs.js';
import { numbersOfDictionary, type NumericBounds } from './numeric-values.js';
import { PrivacyError } from './privacy-error.js';

/**
 * Earth mover's distance (1-Wasserstein) between two samples, ∫ |F(x) − G(x)| dx, divided by
 * `range` (0 when either side is empty or range is 0). One merge sweep over both sides' runs:
 * F and G step only where a run ends.
 */
export function earthMoversDistance(before: NumberRuns, after: NumberRuns, range: number): number {
  const n = before.total;
  const m = after.total;
  if (n === 0 || m === 0 || !(range > 0)) return 0;
  const a = before.values;
  const b = after.values;
  let i = 0;
  let j = 0;
  // Rows of each side at or below x: n·F(x) and m·G(x).
  let belowBefore = 0;
  let belowAfter = 0;
  let area = 0;
  let x = Math.min(a[0], b[0]);
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    area += Math.abs(belowBefore / n - belowAfter / m) * (next - x);
    x = next;
    if (i < a.length && a[i] === next) belowBefore = before.ends[i++];
    if (j < b.length && b[j] === next) belowAfter = after.ends[j++];
  }
  return area / range;
}

/**
 * Mean absolute change per row, |released − original|, over rows not in `excluded` where both
 * cells are numbers, divided by `range`; rows align (the same row of both columns is the same
 * record); released intervals read as `numberOfCell` reads them. NaN when no row has both.
 */
export function meanAbsoluteChange(
  original: DictionaryColumn,
  released: DictionaryColumn,
  range: number,
  intervals: NumericBounds,
  excluded?: Uint8Array,
  numbers: { readonly before?: Float64Array; readonly after?: Float64Array } = {},
): number {
  if (original.codes.length !== released.codes.length)
    throw new PrivacyError('privacy_length_mismatch', 'columns must have the same rows', {
      details: { original: original.codes.length, released: released.codes.length },
    });
  const before = numbers.before ?? numbersOfDictionary(original);
  const after = numbers.after ?? numbersOfDictionary(released, intervals);
  let sum = 0;
  let rows = 0;
  for (let row = 0; row < original.codes.length; row++) {
    if (excluded !== undefined && excluded[row] !== 0) continue;
    const a = before[original.codes[row]];
    const b = after[released.codes[row]];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sum += Math.abs(b - a);
    rows++;
  }
  if (rows === 0) return Number.NaN;
  return range > 0 ? sum / rows / range : 0;
}
