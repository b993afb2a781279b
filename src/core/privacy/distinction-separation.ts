// Quasi-identifier distinction and separation (the figures ARX's "quasi-identifiers" view gives),
// for one attribute or a set: how much a column, or the columns together, tell records apart.
import { countCodes, type DictionaryColumn } from '../table/dictionary-column.js';
import { equivalenceClassSizes } from './class-sizes.js';

export interface DistinctionSeparation {
  /** Distinct value combinations / records, in (0, 1]; 1 when every record is unique. */
  readonly distinction: number;
  /** Share of pairs of records that differ on the columns, in [0, 1]; 1 − Σ f(f−1) / (n(n−1)). */
  readonly separation: number;
}

/** Distinction and separation from class (or value) sizes over `records` rows. */
export function distinctionSeparationOfSizes(
  sizes: ArrayLike<number>,
  records: number,
): DistinctionSeparation {
  if (records === 0) return { distinction: 0, separation: 0 };
  let classes = 0;
  let samePairs = 0;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i];
    if (size === 0) continue;
    classes++;
    samePairs += size * (size - 1);
  }
  return {
    distinction: classes / records,
    separation: records < 2 ? 0 : 1 - samePairs / (records * (records - 1)),
  };
}

/**
 * Distinction and separation of `columns` together over the rows not in `excluded` (an empty
 * table, or a single record, gives 0 and 0). One column is counted by its codes; several by one
 * class computation.
 */
export function measureDistinctionSeparation(
  columns: readonly DictionaryColumn[],
  excluded?: Uint8Array,
): DistinctionSeparation {
  const sizes =
    columns.length === 1
      ? countCodes(columns[0], excluded)
      : equivalenceClassSizes(columns, excluded);
  let records = 0;
  for (let i = 0; i < sizes.length; i++) records += sizes[i];
  return distinctionSeparationOfSizes(sizes, records);
}
