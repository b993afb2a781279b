// A table read for one known use: the columns it keeps as dictionary codes, the others only as a
// detector's sample, so its memory follows the kept columns' dictionaries rather than the file.
import type { ColumnTable } from 'arquero';
import { encodeColumn, toRawString, type DictionaryColumn } from './dictionary-column.js';

/**
 * What a reader does with a column: `encode` it (dictionary + a code per row), keep only its
 * `sample` (the empty cells counted, the cells at samplePositions kept), or `skip` it (nothing
 * kept: a pass that only counts the rows).
 */
export type ColumnReadMode = 'encode' | 'sample' | 'skip';

export interface EncodePlan {
  /** The mode of each column, by its header name. */
  readonly modeOf: (name: string) => ColumnReadMode;
  /** Cells a `sample` column keeps; detection's sample size. */
  readonly sampleSize: number;
  /**
   * Whether modeOf may answer `sample`: then the positions need the row count, and a reader
   * without `rows` counts them in a first pass.
   */
  readonly samples: boolean;
  /**
   * The table's data rows, known from an earlier pass: the sample positions depend on it. Required
   * when some column is sampled.
   */
  readonly rows?: number;
}

/** A column read only for its sample. */
export interface SampledColumn {
  /** Empty cells ('', null, undefined) over every row. */
  readonly nulls: number;
  /** The raw strings at samplePositions(rows, sampleSize), in that order. */
  readonly sample: readonly string[];
}

/**
 * Invariants: every name is in exactly one of `encoded` and `sampled`, or in neither when the
 * plan skipped it; every encoded column has `rows` codes.
 */
export interface EncodedTable {
  readonly kind: 'encoded';
  /** Column names in file order. */
  readonly names: readonly string[];
  readonly rows: number;
  readonly encoded: ReadonlyMap<string, DictionaryColumn>;
  readonly sampled: ReadonlyMap<string, SampledColumn>;
}

/** The plan of a pass that only counts the rows. */
export const COUNT_ROWS: EncodePlan = { modeOf: () => 'skip', sampleSize: 0, samples: false };

/** Whether `table` is an EncodedTable rather than an arquero table. */
export function isEncodedTable(table: ColumnTable | EncodedTable): table is EncodedTable {
  return (table as Partial<EncodedTable>).kind === 'encoded';
}

/**
 * The rows a sample of `size` reads out of `rows`: every row when there are at most `size`,
 * else golden-ratio (Weyl) positions, spread like a stride but unable to alias with periodic data.
 */
export function samplePositions(rows: number, size: number): Int32Array {
  const count = Math.min(size, rows);
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++)
    positions[i] = rows <= size ? i : Math.floor(((i * 0.6180339887498949) % 1) * rows);
  return positions;
}

/** The empty cells of `values` and its cells at samplePositions, as a sampling reader keeps them. */
export function sampleColumn(values: ArrayLike<unknown>, size: number): SampledColumn {
  let nulls = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined || value === '') nulls++;
  }
  const sample = Array.from(samplePositions(values.length, size), (row) =>
    toRawString(values[row]),
  );
  return { nulls, sample };
}

/**
 * An arquero table as `plan` would have read it (JSON Lines and Arrow inputs, tables built in
 * memory): the same codes, dictionaries and samples a streaming CSV read gives.
 */
export function encodeTable(table: ColumnTable, plan: EncodePlan): EncodedTable {
  const names = table.columnNames();
  const encoded = new Map<string, DictionaryColumn>();
  const sampled = new Map<string, SampledColumn>();
  for (const name of names) {
    const mode = plan.modeOf(name);
    const values = table.array(name) as ArrayLike<unknown>;
    if (mode === 'encode') encoded.set(name, encodeColumn(name, values));
    else if (mode === 'sample') sampled.set(name, sampleColumn(values, plan.sampleSize));
  }
  return { kind: 'encoded', names, rows: table.numRows(), encoded, sampled };
}
