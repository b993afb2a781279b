// Small hand-computed tables shared by the privacy tests.
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import type { DictionaryColumn } from '../../../src/core/table/dictionary-column.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import type { EquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import { countClassValues } from '../../../src/core/privacy/class-value-counts.js';
import type { ClassValueCounts } from '../../../src/core/privacy/class-value-counts.js';

/** Rows as [class label, sensitive value]; classes are the distinct labels. */
export function classesAndCounts(rows: readonly (readonly [string, string])[]): {
  classes: EquivalenceClasses;
  sensitive: DictionaryColumn;
  counts: ClassValueCounts;
} {
  const qi = encodeColumn(
    'qi',
    rows.map((row) => row[0]),
  );
  const sensitive = encodeColumn(
    'sa',
    rows.map((row) => row[1]),
  );
  const classes = computeEquivalenceClasses([qi]);
  return { classes, sensitive, counts: countClassValues(classes, sensitive) };
}

/**
 * The running example: 9 records, 3 classes, p = 1/3 for each disease.
 *   A (3): flu, flu, cancer    B (4): flu, hiv, cancer, cancer    C (2): hiv, hiv
 */
export const DISEASES: readonly (readonly [string, string])[] = [
  ['A', 'flu'],
  ['B', 'flu'],
  ['A', 'flu'],
  ['C', 'hiv'],
  ['B', 'hiv'],
  ['A', 'cancer'],
  ['B', 'cancer'],
  ['C', 'hiv'],
  ['B', 'cancer'],
];

/** Sizes of classes given directly: one row per record, class label = its index in `sizes`. */
export function classesOfSizes(sizes: readonly number[], suppressed = 0): EquivalenceClasses {
  const labels: string[] = [];
  sizes.forEach((size, index) => {
    for (let i = 0; i < size; i++) labels.push(`c${index}`);
  });
  for (let i = 0; i < suppressed; i++) labels.push('suppressed');
  const mask = new Uint8Array(labels.length);
  for (let i = labels.length - suppressed; i < labels.length; i++) mask[i] = 1;
  return computeEquivalenceClasses([encodeColumn('qi', labels)], { suppressed: mask });
}
