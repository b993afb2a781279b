// Record suppression: rows whose quasi-identifier class violates the policy's class rules are withheld.
import { computeEquivalenceClasses, type EquivalenceClasses } from '../privacy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';

export interface SuppressionRules {
  /** Classes smaller than this are suppressed: max(k, ⌈1/τ⌉ of the GB/T 42460 context). */
  readonly minClassSize: number;
  /** Classes with fewer distinct values of a sensitive column than its l are suppressed. */
  readonly distinctL?: readonly { readonly column: DictionaryColumn; readonly l: number }[];
  /** Rows already suppressed (the search's choice), kept suppressed. */
  readonly alsoSuppressed?: Uint8Array;
}

/** Smallest class size f with θ = 1/f ≤ τ (GB/T 42460 counts a class at risk when θ > τ). */
export function minClassSizeForThreshold(tau: number): number {
  return Math.ceil(1 / tau - 1e-9);
}

/**
 * Marks the rows of classes (over raw strings of the released quasi-identifiers) that are too
 * small or not diverse enough. Returns the mask (`1` = suppressed), how many rows it holds, and
 * the classes before suppression (equal to the released classes when nothing was suppressed).
 * Requires at least one quasi-identifier column, all of one length.
 */
export function suppressViolatingClasses(
  quasiIdentifiers: readonly DictionaryColumn[],
  rules: SuppressionRules,
): { suppressed: Uint8Array; count: number; classes: EquivalenceClasses } {
  const classes = computeEquivalenceClasses(quasiIdentifiers);
  const rows = classes.classOfRecord.length;
  const classOf = classes.classOfRecord;
  const violating = new Uint8Array(classes.classCount);
  for (let c = 0; c < classes.classCount; c++)
    if (classes.classSizes[c] < rules.minClassSize) violating[c] = 1;
  for (const { column, l } of rules.distinctL ?? []) {
    // Distinct sensitive values per class, counted once per (class, value) pair.
    const distinct = new Int32Array(classes.classCount);
    const seen = new Set<number>();
    const width = column.dictionary.length;
    for (let row = 0; row < rows; row++) {
      const key = classOf[row] * width + column.codes[row];
      if (!seen.has(key)) {
        seen.add(key);
        distinct[classOf[row]]++;
      }
    }
    for (let c = 0; c < classes.classCount; c++) if (distinct[c] < l) violating[c] = 1;
  }
  const suppressed = new Uint8Array(rows);
  let count = 0;
  for (let row = 0; row < rows; row++)
    if (violating[classOf[row]] === 1 || rules.alsoSuppressed?.[row] === 1) {
      suppressed[row] = 1;
      count++;
    }
  return { suppressed, count, classes };
}
