// Loads CSV, JSON Lines or Arrow IPC bytes into an arquero table; the CLI and server pass bytes in.
import { table as columnTable, type ColumnTable } from 'arquero';
import { TableByteReader } from './table-byte-reader.js';
import { TableError } from './table-error.js';
import { detectEncoding, type TextEncodingName } from './text-encoding.js';

export type TableFormat = 'csv' | 'jsonl' | 'arrow';

export interface ReadTableOptions {
  /** Default: sniffed (Arrow magic bytes, a leading `{` for JSON Lines, else CSV). */
  readonly format?: TableFormat | 'auto';
  /** Text encoding of CSV/JSON Lines; default `auto` (BOM, strict UTF-8, then GB18030). */
  readonly encoding?: TextEncodingName;
  /** CSV delimiter; default sniffed among `,` `;` tab `|`. */
  readonly delimiter?: string;
}

export interface LoadedTable {
  readonly table: ColumnTable;
  readonly format: TableFormat;
  /** The decoded text encoding (`binary` for Arrow). */
  readonly encoding: Exclude<TextEncodingName, 'auto'> | 'binary';
  /** The CSV delimiter used, when CSV. */
  readonly delimiter?: string;
}

const ARROW_FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/** Guesses the format from the first bytes; requires a non-empty input. */
export function sniffFormat(bytes: Uint8Array): TableFormat {
  if (ARROW_FILE_MAGIC.every((b, i) => bytes[i] === b)) return 'arrow';
  // Arrow IPC stream: messages start with the 0xFFFFFFFF continuation marker.
  if (
    bytes.length >= 8 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xff &&
    bytes[2] === 0xff &&
    bytes[3] === 0xff
  )
    return 'arrow';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x7b ? 'jsonl' : 'csv';
}

/**
 * Reads a table from bytes. CSV cells are raw strings (`''` when empty); JSON Lines keeps JSON
 * scalars; Arrow keeps Arrow's types. Errors are TableErrors: `table_empty_input`,
 * `table_undecodable`, `table_malformed_csv` / `table_ragged_row` (row, line, column),
 * `table_malformed_jsonl` (line), `table_malformed_arrow`. Text is decoded and parsed a piece at a
 * time (TableByteReader): the whole text (larger than the bytes for Chinese text, two bytes a
 * character) never exists, and the cells own their characters.
 */
export function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): LoadedTable {
  if (bytes.length === 0)
    throw new TableError('table_empty_input', 'the input is empty', { details: {} });
  // With every byte at hand, `auto` is decided up front (a BOM, else whether all of it is UTF-8),
  // so the reader never has to start again.
  const encoding =
    (options.encoding ?? 'auto') === 'auto' ? detectEncoding(bytes).encoding : options.encoding;
  const reader = new TableByteReader({ ...options, encoding, expectedBytes: bytes.length });
  reader.write(bytes);
  const loaded = reader.end();
  if (loaded === undefined) throw new Error('readTable: an encoding decided up front restarted');
  return loaded;
}

/** Builds an arquero table from column-major arrays, keeping the header order. */
export function toColumnTable(
  header: readonly string[],
  columns: readonly ArrayLike<unknown>[],
): ColumnTable {
  const data: Record<string, ArrayLike<unknown>> = {};
  header.forEach((name, index) => {
    data[name] = columns[index];
  });
  return columnTable(data, [...header]);
}
