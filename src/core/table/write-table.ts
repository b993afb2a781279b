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
  const values = header.map((name) => table.array(name) as ArrayLike<unknown>);
  const rowCount = table.numRows();
  const sliceRows = options.sliceRows ?? CSV_SLICE_ROWS;
  const encoder = new TextEncoder();
  if (format === 'jsonl') {
    for (let start = 0; start < rowCount; start += sliceRows)
      yield encoder.encode(
        toJsonlText(header, values, { start, end: Math.min(rowCount, start + sliceRows) }),
      );
    return;
  }
  if (options.bom) yield new Uint8Array([0xef, 0xbb, 0xbf]);
  for (let start = 0; start < rowCount || start === 0; start += sliceRows) {
    const end = Math.min(rowCount, start + sliceRows);
    yield encoder.encode(
      toCsvText(header, values, { ...options, start, end, includeHeader: start === 0 }),
    );
    if (rowCount === 0) break;
  }
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
