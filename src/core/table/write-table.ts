// Serializes an arquero table to CSV (formula-guarded), JSON Lines or Arrow IPC bytes.
import { toArrowIPC, type ColumnTable } from 'arquero';
import { toCsvText, type CsvWriteOptions } from './csv-writer.js';
import { toJsonlText } from './jsonl.js';
import type { TableFormat } from './read-table.js';

/** Rows per encoded slice of CSV and JSON Lines output. */
const CSV_SLICE_ROWS = 65_536;

export interface WriteTableOptions extends CsvWriteOptions {
  /** Prefix a UTF-8 BOM to CSV so Excel on Chinese Windows opens it as UTF-8. Default false. */
  readonly bom?: boolean;
  /** Arrow IPC flavour; default `file` (random access, `ARROW1` magic). */
  readonly arrowFormat?: 'file' | 'stream';
}

/** Writes `table` in `format`. CSV and JSON Lines are UTF-8. */
export function writeTable(
  table: ColumnTable,
  format: TableFormat,
  options: WriteTableOptions = {},
): Uint8Array {
  return concatBytes([...encodeTableChunks(table, format, options)]);
}

/**
 * `writeTable`'s bytes in consecutive chunks (CSV and JSON Lines: a slice of `sliceRows` rows
 * each, default 65,536; Arrow: one chunk), so a writer can send or store a million-row table
 * without its text or bytes ever existing whole.
 */
export function* encodeTableChunks(
  table: ColumnTable,
  format: TableFormat,
  options: WriteTableOptions & { readonly sliceRows?: number } = {},
): Generator<Uint8Array> {
  if (format === 'arrow') {
    yield toArrowIPC(table, { format: options.arrowFormat ?? 'file' });
    return;
  }
  const header = table.columnNames();
  const rowCount = table.numRows();
  const sliceRows = options.sliceRows ?? CSV_SLICE_ROWS;
  const encoder = new TextEncoder();
  const sliceOf = slicer(table);
  if (format === 'jsonl') {
    for (let start = 0; start < rowCount; start += sliceRows) {
      const end = Math.min(rowCount, start + sliceRows);
      yield encoder.encode(toJsonlText(header, sliceOf(start, end), {}));
    }
    return;
  }
  if (options.bom) yield new Uint8Array([0xef, 0xbb, 0xbf]);
  for (let start = 0; start < rowCount || start === 0; start += sliceRows) {
    const end = Math.min(rowCount, start + sliceRows);
    yield encoder.encode(
      toCsvText(header, sliceOf(start, end), { ...options, includeHeader: start === 0 }),
    );
    if (rowCount === 0) break;
  }
}

/**
 * Rows `start` ≤ row < `end` of every column, as arrays: only a slice of the table is ever held as
 * values (its columns may decode each cell when read, see core/deid released-table.ts). A filtered
 * or ordered table is materialized once through arquero, which applies the filter and the order.
 */
function slicer(table: ColumnTable): (start: number, end: number) => ArrayLike<unknown>[] {
  const names = table.columnNames();
  if (table.isFiltered() || table.isOrdered()) {
    const values = names.map((name) => table.array(name) as ArrayLike<unknown>);
    return (start, end) => values.map((column) => Array.prototype.slice.call(column, start, end));
  }
  const columns = names.map((name) => table.column(name) as { at(row: number): unknown });
  return (start, end) =>
    columns.map((column) => {
      const values = new Array<unknown>(end - start);
      for (let row = start; row < end; row++) values[row - start] = column.at(row);
      return values;
    });
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
