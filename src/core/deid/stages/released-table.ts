// Stage 6b, the artifact: the output columns decoded into a table, row by row in the release order.
import { table as columnTable, type ColumnTable } from 'arquero';
import type { DictionaryColumn } from '../../table/dictionary-column.js';

/** Decodes `columns` into an arquero table whose row i is input row `order[i]`. */
export function toReleasedTable(
  columns: readonly DictionaryColumn[],
  order: Uint32Array,
): ColumnTable {
  const data: Record<string, string[]> = {};
  const rows = order.length;
  for (const column of columns) {
    const values = new Array<string>(rows);
    const { codes, dictionary } = column;
    for (let i = 0; i < rows; i++) values[i] = dictionary[codes[order[i]]];
    data[column.name] = values;
  }
  return columnTable(
    data,
    columns.map((c) => c.name),
  );
}
