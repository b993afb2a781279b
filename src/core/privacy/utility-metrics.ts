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
  const originalCounts = new Float64Array(original.dictionary.length);
  for (let row = 0; row < rowCount; row++) originalCounts[original.codes[row]]++;
  const releasedCounts = new Float64Array(released.dictionary.length);
  for (let row = 0; row < rowCount; row++) {
    if (suppressed === undefined || suppressed[row] === 0) releasedCounts[released.codes[row]]++;
  }
  let bits = 0;
  for (let row = 0; row < rowCount; row++) {
    const covered =
      suppressed !== undefined && suppressed[row] !== 0
        ? rowCount
        : releasedCounts[released.codes[row]];
    const ratio = originalCounts[original.codes[row]] / covered;
    if (ratio < 1) bits -= Math.log2(ratio);
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
  const mass = new Map<string, number>();
  const originalCounts = new Float64Array(original.dictionary.length);
  for (let row = 0; row < original.codes.length; row++) originalCounts[original.codes[row]]++;
  const releasedCounts = new Float64Array(released.dictionary.length);
  let releasedTotal = 0;
  for (let row = 0; row < released.codes.length; row++) {
    if (suppressed !== undefined && suppressed[row] !== 0) continue;
    releasedCounts[released.codes[row]]++;
    releasedTotal++;
  }
  const originalTotal = original.codes.length;
  if (originalTotal === 0 && releasedTotal === 0) return 0;
  if (originalTotal === 0 || releasedTotal === 0) return 1;
  original.dictionary.forEach((value, code) => {
    mass.set(value, (mass.get(value) ?? 0) + originalCounts[code] / originalTotal);
  });
  released.dictionary.forEach((value, code) => {
    mass.set(value, (mass.get(value) ?? 0) - releasedCounts[code] / releasedTotal);
  });
  let sum = 0;
  for (const difference of mass.values()) sum += Math.abs(difference);
  return Math.min(1, 0.5 * sum);
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
  const counts = new Float64Array(column.dictionary.length);
  let total = 0;
  for (let row = 0; row < column.codes.length; row++) {
    if (suppressed !== undefined && suppressed[row] !== 0) continue;
    counts[column.codes[row]]++;
    total++;
  }
  const order = Array.from({ length: counts.length }, (_, code) => code)
    .filter((code) => counts[code] > 0)
    .sort(
      (a, b) => counts[b] - counts[a] || (column.dictionary[a] < column.dictionary[b] ? -1 : 1),
    );
  const bars = order
    .slice(0, limit)
    .map((code) => ({ value: column.dictionary[code], count: counts[code] }));
  const shown = bars.reduce((sum, bar) => sum + bar.count, 0);
  return { bars, otherCount: total - shown, total };
}
