// Stage 6b, the artifact: the output columns as a table in the release order, each cell decoded
// from its column's codes only when read (no string per row is ever stored).
import { table as columnTable, type ColumnTable } from 'arquero';
import type { DictionaryColumn } from '../../table/dictionary-column.js';

/**
 * An arquero column (length, at, iteration) whose row i is `dictionary[codes[order[i]]]`:
 * a ten-million-row release costs its codes and the order, not eighty bytes a row of pointers.
 */
class ReleasedColumn {
  readonly length: number;

  constructor(
    private readonly column: DictionaryColumn,
    private readonly order: Uint32Array,
  ) {
    this.length = order.length;
  }

  at(row: number): string {
    return this.column.dictionary[this.column.codes[this.order[row]]];
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let row = 0; row < this.length; row++) yield this.at(row);
  }
}

/** Decodes `columns` into an arquero table whose row i is input row `order[i]`. */
export function toReleasedTable(
  columns: readonly DictionaryColumn[],
  order: Uint32Array,
): ColumnTable {
  const data: Record<string, ReleasedColumn> = {};
  for (const column of columns) data[column.name] = new ReleasedColumn(column, order);
  return columnTable(
    data,
    columns.map((c) => c.name),
  );
}
