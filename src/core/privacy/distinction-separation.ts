// Quasi-identifier distinction and separation (the figures ARX's "quasi-identifiers" view gives),
// for one attribute or a set: how much a column, or the columns together, tell records apart.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { computeEquivalenceClasses } from './equivalence-classes.js';

export interface DistinctionSeparation {
  /** Distinct value combinations / records, in (0, 1]; 1 when every record is unique. */
  readonly distinction: number;
  /** Share of pairs of records that differ on the columns, in [0, 1]; 1 − Σ f(f−1) / (n(n−1)). */
  readonly separation: number;
}

/**
 * Distinction and separation of `columns` together over the rows not in `excluded` (an empty
 * table, or a single record, gives 0 and 0). One class computation over the columns.
 */
export function measureDistinctionSeparation(
  columns: readonly DictionaryColumn[],
  excluded?: Uint8Array,
): DistinctionSeparation {
  const classes = computeEquivalenceClasses(columns, excluded ? { suppressed: excluded } : {});
  const n = classes.recordCount - classes.suppressedCount;
  if (n === 0) return { distinction: 0, separation: 0 };
  let samePairs = 0;
  for (const size of classes.classSizes) samePairs += size * (size - 1);
  return {
    distinction: classes.classCount / n,
    separation: n < 2 ? 0 : 1 - samePairs / (n * (n - 1)),
  };
}
