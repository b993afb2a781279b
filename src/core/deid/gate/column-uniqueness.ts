// How much a released column alone tells apart: distinct values, the share of values held by a
// single released row (sample uniqueness), and whether the column is constant.
import type { DictionaryColumn } from '../../table/dictionary-column.js';

export interface ColumnUniqueness {
  readonly column: string;
  /** Non-empty cells among the released rows. */
  readonly nonEmpty: number;
  /** Distinct non-empty values among the released rows. */
  readonly distinct: number;
  /** Non-empty released cells whose value no other released row holds. */
  readonly unique: number;
  /** unique / nonEmpty (0 when the column is empty). */
  readonly uniqueShare: number;
  /** At most one distinct non-empty value: the column releases nothing. */
  readonly constant: boolean;
}

/**
 * Counts over the released rows only (`suppressed[r] === 1` leaves row r out); empty cells are
 * not values. One pass over the codes and one over the dictionary.
 */
export function measureColumnUniqueness(
  column: DictionaryColumn,
  suppressed: Uint8Array | undefined,
): ColumnUniqueness {
  const counts = new Int32Array(column.dictionary.length);
  const codes = column.codes;
  // for (row) if (!suppressed?.[row]) counts[codes[row]]++  — split so the common case has no test.
  if (suppressed) {
    for (let row = 0; row < codes.length; row++) if (suppressed[row] === 0) counts[codes[row]]++;
  } else for (let row = 0; row < codes.length; row++) counts[codes[row]]++;
  let nonEmpty = 0;
  let distinct = 0;
  let unique = 0;
  column.dictionary.forEach((value, code) => {
    const n = counts[code];
    if (value === '' || n === 0) return;
    nonEmpty += n;
    distinct++;
    if (n === 1) unique++;
  });
  return {
    column: column.name,
    nonEmpty,
    distinct,
    unique,
    uniqueShare: nonEmpty === 0 ? 0 : unique / nonEmpty,
    constant: distinct <= 1,
  };
}
