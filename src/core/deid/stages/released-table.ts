// Stage 6, the artifact: the output columns decoded into a table, suppressed rows left out.
import { table as columnTable, type ColumnTable } from 'arquero';
import type { DictionaryColumn } from '../../table/dictionary-column.js';

/** Decodes `columns` into an arquero table of `releasedRows` rows, skipping suppressed ones. */
export function toReleasedTable(
  columns: readonly DictionaryColumn[],
  suppressed: Uint8Array | undefined,
  releasedRows: number,
): ColumnTable {
  const data: Record<string, string[]> = {};
  for (const column of columns) {
    const values = new Array<string>(releasedRows);
    const { codes, dictionary } = column;
    let out = 0;
    for (let row = 0; row < codes.length; row++)
      if (!suppressed || suppressed[row] === 0) values[out++] = dictionary[codes[row]];
    data[column.name] = values;
  }
  return columnTable(
    data,
    columns.map((c) => c.name),
  );
}
