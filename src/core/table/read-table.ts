// Loads CSV, JSON Lines or Arrow IPC bytes into an arquero table; the CLI and server pass bytes in.
import { fromArrow, table as columnTable, type ColumnTable } from 'arquero';
import { CsvParser, type ParsedCsv } from './csv-parser.js';
import { sniffDelimiter } from './csv-reader.js';
import { JsonlParser } from './jsonl.js';
import { TableError } from './table-error.js';
import { decodeTextPieces, type TextEncodingName } from './text-encoding.js';

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
 * `table_malformed_jsonl` (line), `table_malformed_arrow`.
 */
export function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): LoadedTable {
  if (bytes.length === 0)
    throw new TableError('table_empty_input', 'the input is empty', { details: {} });
  const format = !options.format || options.format === 'auto' ? sniffFormat(bytes) : options.format;
  if (format === 'arrow') {
    let table: ColumnTable;
    try {
      table = fromArrow(bytes);
    } catch (error) {
      throw new TableError(
        'table_malformed_arrow',
        'the input is not a readable Arrow IPC file or stream',
        {
          details: { reason: error instanceof Error ? error.message : String(error) },
        },
      );
    }
    return { table, format, encoding: 'binary' };
  }
  if (format === 'jsonl') {
    const { pieces, encoding } = decodeTextPieces(bytes, options.encoding ?? 'auto');
    const parser = new JsonlParser();
    for (const piece of pieces) parser.write(piece);
    const { header, columns } = parser.end();
    return { table: toColumnTable(header, columns), format, encoding };
  }
  if (format !== 'csv')
    throw new TableError('table_unknown_format', `unknown table format "${String(format)}"`, {
      details: { format, want: ['csv', 'jsonl', 'arrow'] },
    });
  if (options.delimiter !== undefined && options.delimiter.length !== 1)
    throw new TableError('table_malformed_csv', 'the CSV delimiter must be one character', {
      details: { delimiter: options.delimiter },
    });
  // Decoded and parsed a piece at a time: the whole text (larger than the bytes for Chinese
  // text, two bytes a character) never exists, and the cells own their characters.
  const { pieces, encoding } = decodeTextPieces(bytes, options.encoding ?? 'auto');
  const parsed = parseCsvPieces(pieces[Symbol.iterator](), options.delimiter, estimateRows(bytes));
  return {
    table: toColumnTable(parsed.header, parsed.columns),
    format,
    encoding,
    delimiter: parsed.delimiter,
  };
}

/** Rows a CSV input likely holds, from the line density of its first 64 KiB; 0 for small inputs. */
function estimateRows(bytes: Uint8Array): number {
  const SAMPLE = 1 << 16;
  if (bytes.length <= 16 * SAMPLE) return 0;
  let lines = 0;
  for (let i = 0; i < SAMPLE; i++) if (bytes[i] === 10) lines++;
  return Math.ceil((bytes.length / SAMPLE) * lines * 1.02);
}

function parseCsvPieces(
  pieces: Iterator<string>,
  delimiter: string | undefined,
  expectedRows: number,
): ParsedCsv {
  // The delimiter is sniffed from the first piece with text; an input that never has any is empty.
  let first = '';
  while (first.trim() === '') {
    const piece = pieces.next();
    if (piece.done) throw whitespaceOnly();
    first += piece.value;
  }
  const parser = new CsvParser(delimiter ?? sniffDelimiter(first), expectedRows);
  parser.write(first);
  for (let piece = pieces.next(); !piece.done; piece = pieces.next()) parser.write(piece.value);
  return parser.end();
}

function whitespaceOnly(): TableError {
  return new TableError('table_empty_input', 'the input holds only whitespace', { details: {} });
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
