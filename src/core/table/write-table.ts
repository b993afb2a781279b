// Serializes an arquero table to CSV (formula-guarded), JSON Lines or Arrow IPC bytes.
import { toArrowIPC, type ColumnTable } from 'arquero';
import { toCsvText, type CsvWriteOptions } from './csv-writer.js';
import { toRawString } from './dictionary-column.js';
import { toJsonlText } from './jsonl.js';
import type { TableFormat } from './read-table.js';

/** Rows per encoded slice of CSV output. */
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
  const header = table.columnNames();
  if (format === 'arrow') return toArrowIPC(table, { format: options.arrowFormat ?? 'file' });
  if (format === 'jsonl')
    return new TextEncoder().encode(
      toJsonlText(
        header,
        header.map((name) => table.array(name) as ArrayLike<unknown>),
      ),
    );
  // Encoded in slices of rows: a million-row table never exists as one giant string next to
  // its bytes, only as the bytes (the peak-memory budget of the pipeline).
  const values = header.map((name) => table.array(name) as ArrayLike<unknown>);
  const rowCount = table.numRows();
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  if (options.bom) chunks.push(new Uint8Array([0xef, 0xbb, 0xbf]));
  for (let start = 0; start < rowCount || start === 0; start += CSV_SLICE_ROWS) {
    const end = Math.min(rowCount, start + CSV_SLICE_ROWS);
    const columns = values.map((column) => {
      const out = new Array<string>(end - start);
      for (let row = start; row < end; row++) out[row - start] = toRawString(column[row]);
      return out;
    });
    chunks.push(
      encoder.encode(toCsvText(header, columns, { ...options, includeHeader: start === 0 })),
    );
    if (rowCount === 0) break;
  }
  return concatBytes(chunks);
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
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
