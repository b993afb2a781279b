// Utility metrics over equivalence classes and original/released column pairs: discernibility,
// average class size, non-uniform entropy and the total-variation distance between marginals.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { EquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

/** Discernibility (Bayardo & Agrawal 2005): DM = Σ f² + suppressed × n, n = all records. */
export function measureDiscernibility(classes: EquivalenceClasses): number {
  let sum = 0;
  const sizes = classes.classSizes;
  for (let cls = 0; cls < sizes.length; cls++) sum += sizes[cls] * sizes[cls];
  return sum + classes.suppressedCount * classes.recordCount;
}

/** Average equivalence class size (LeFevre et al. 2006): AECS = n / classes; 0 with no classes. */
export function measureAverageClassSize(classes: EquivalenceClasses): number {
  return classes.classCount === 0 ? 0 : classes.recordCount / classes.classCount;
}

/**
 * Non-uniform entropy (Gionechetti et al. 2008, ARX "NUEntropy") of one attribute, in bits:
 * Σ over records of −log2(Pr[original value] / Pr[released value]), both counted in the original
 * column, where a released value covers the original values of the records released with it and a
 * suppressed record's value covers the whole column. Rows of `original` and `released` align.
 */
export function measureNonUniformEntropy(
  original: DictionaryColumn,
  released: DictionaryColumn,
  suppressed?: Uint8Array,
): number {
  checkAligned(original, released);
  return nonUniformEntropyOfCounts(
    original,
    released,
    countRows(original),
    countRows(released, suppressed),
    suppressed,
  );
}

/**
 * As measureNonUniformEntropy, from row counts per code already taken: `originalCounts` over all
 * rows, `releasedCounts` over the rows not suppressed. One pass over the rows with two table
 * lookups each: −log2(a/b) is summed as log2 b − log2 a from per-code logarithms.
 */
export function nonUniformEntropyOfCounts(
  original: DictionaryColumn,
  released: DictionaryColumn,
  originalCounts: Float64Array,
  releasedCounts: Float64Array,
  suppressed?: Uint8Array,
): number {
  const rowCount = original.codes.length;
  const logOriginal = log2Of(originalCounts);
  const logReleased = log2Of(releasedCounts);
  const logAll = Math.log2(rowCount);
  const originalCodes = original.codes;
  const releasedCodes = released.codes;
  let bits = 0;
  // Per row: covered = suppressed ? n : releasedCounts[r]; if (originalCounts[o] < covered)
  // bits −= log2(originalCounts[o] / covered) — inlined over logarithm tables.
  for (let row = 0; row < rowCount; row++) {
    const covered =
      suppressed !== undefined && suppressed[row] !== 0 ? logAll : logReleased[releasedCodes[row]];
    const gain = covered - logOriginal[originalCodes[row]];
    if (gain > 0) bits += gain;
  }
  return bits;
}

/**
 * Total-variation distance between the marginal of `original` (all rows) and of `released`
 * (rows not suppressed), over the union of their raw values: ½ Σ_v |p(v) − q(v)|, in [0, 1].
 * 0 means buyers see the column's distribution unchanged; a generalized column moves its mass
 * to new labels and scores up to 1.
 */
export function measureMarginalDistance(
  original: DictionaryColumn,
  released: DictionaryColumn,
  suppressed?: Uint8Array,
): number {
  return marginalDistanceOfCounts(
    original,
    countRows(original),
    released,
    countRows(released, suppressed),
  );
}

/**
 * As measureMarginalDistance, from row counts per code (`releasedCounts` without suppressed
 * rows). Values are matched through a map over the smaller dictionary only (dictionaries hold
 * distinct values), so a generalized column costs its few labels, not its original values.
 */
export function marginalDistanceOfCounts(
  original: DictionaryColumn,
  originalCounts: Float64Array,
  released: DictionaryColumn,
  releasedCounts: Float64Array,
): number {
  const originalTotal = sum(originalCounts);
  const releasedTotal = sum(releasedCounts);
  if (originalTotal === 0 && releasedTotal === 0) return 0;
  if (originalTotal === 0 || releasedTotal === 0) return 1;
  const originalIsSmaller = original.dictionary.length <= released.dictionary.length;
  const [small, smallCounts, smallTotal] = originalIsSmaller
    ? [original, originalCounts, originalTotal]
    : [released, releasedCounts, releasedTotal];
  const [large, largeCounts, largeTotal] = originalIsSmaller
    ? [released, releasedCounts, releasedTotal]
    : [original, originalCounts, originalTotal];
  const codeOf = new Map<string, number>();
  for (let code = 0; code < small.dictionary.length; code++)
    codeOf.set(small.dictionary[code], code);
  const matched = new Uint8Array(small.dictionary.length);
  let distance = 0;
  for (let code = 0; code < large.dictionary.length; code++) {
    const share = largeCounts[code] / largeTotal;
    const other = codeOf.get(large.dictionary[code]);
    if (other === undefined) distance += share;
    else {
      matched[other] = 1;
      distance += Math.abs(share - smallCounts[other] / smallTotal);
    }
  }
  for (let code = 0; code < small.dictionary.length; code++)
    if (matched[code] === 0) distance += smallCounts[code] / smallTotal;
  return Math.min(1, 0.5 * distance);
}

/** One bar of a column's before/after distribution chart. */
export interface MarginalBar {
  readonly value: string;
  readonly count: number;
}

/** The `limit` most frequent values of a column (rows not suppressed), the rest summed as `other`. */
export function topValues(
  column: DictionaryColumn,
  limit: number,
  suppressed?: Uint8Array,
): { bars: MarginalBar[]; otherCount: number; total: number } {
  return topValuesOfCounts(column, countRows(column, suppressed), limit);
}

/**
 * As topValues, from row counts per code. Bars are ordered by count, then value; the top
 * `limit` are selected in one pass over the dictionary (no sort of every distinct value).
 */
export function topValuesOfCounts(
  column: DictionaryColumn,
  counts: Float64Array,
  limit: number,
): { bars: MarginalBar[]; otherCount: number; total: number } {
  const dictionary = column.dictionary;
  const comesBefore = (a: number, b: number): boolean =>
    counts[a] > counts[b] || (counts[a] === counts[b] && dictionary[a] < dictionary[b]);
  const top: number[] = [];
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0 || limit <= 0) continue;
    if (top.length === limit && !comesBefore(code, top[limit - 1])) continue;
    let at = top.length < limit ? top.length : limit - 1;
    while (at > 0 && comesBefore(code, top[at - 1])) {
      if (at < limit) top[at] = top[at - 1];
      at--;
    }
    top[at] = code;
  }
  const bars = top.map((code) => ({ value: dictionary[code], count: counts[code] }));
  const total = sum(counts);
  const shown = bars.reduce((acc, bar) => acc + bar.count, 0);
  return { bars, otherCount: total - shown, total };
}

/** Rows per code, leaving out suppressed rows when a mask is given. */
export function countRows(column: DictionaryColumn, suppressed?: Uint8Array): Float64Array {
  const counts = new Float64Array(column.dictionary.length);
  const codes = column.codes;
  if (suppressed === undefined) for (let row = 0; row < codes.length; row++) counts[codes[row]]++;
  else for (let row = 0; row < codes.length; row++) if (suppressed[row] === 0) counts[codes[row]]++;
  return counts;
}

/** Requires `released` to have as many rows as `original` (they align row by row). */
export function checkAligned(original: DictionaryColumn, released: DictionaryColumn): void {
  const rowCount = original.codes.length;
  if (released.codes.length !== rowCount) {
    throw new PrivacyError(
      'privacy_length_mismatch',
      `released ${released.name} has ${released.codes.length} rows, want ${rowCount}`,
      {
        details: { column: released.name, got: released.codes.length, want: rowCount },
      },
    );
  }
}

function log2Of(counts: Float64Array): Float64Array {
  const logs = new Float64Array(counts.length);
  for (let code = 0; code < counts.length; code++)
    logs[code] = counts[code] > 0 ? Math.log2(counts[code]) : 0;
  return logs;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
