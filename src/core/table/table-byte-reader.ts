// Reads a table from bytes that arrive in chunks (an upload streamed out of the blob store), so no
// copy of the whole input is ever needed; readTable is this reader given one chunk.
import { fromArrow, type ColumnTable } from 'arquero';
import { checkArrowIpc } from './arrow-ipc-check.js';
import { describeBinaryInput } from './binary-input.js';
import { CsvParser, type CsvCellSink, type CsvCellsRead } from './csv-parser.js';
import { sniffDelimiter } from './csv-reader.js';
import { encodeTable, type EncodedTable, type EncodePlan } from './encoded-table.js';
import { JsonlParser } from './jsonl.js';
import type { LoadedTable, ReadTableOptions, TableFormat } from './read-table.js';
import { sniffFormat, toColumnTable } from './read-table.js';
import { TableError } from './table-error.js';
import {
  detectBom,
  TextPieceDecoder,
  toTextEncodingName,
  type TextEncodingName,
} from './text-encoding.js';

export interface TableByteReaderOptions extends ReadTableOptions {
  /** The input's size when known (a blob's): sizes the columns once instead of growing them. */
  readonly expectedBytes?: number;
  /** Read for endEncoded: which columns to encode, sample or skip. */
  readonly encode?: EncodePlan;
  /**
   * Read for endCells: a CSV's cells go to the sink this makes for its header, none are kept; so
   * do a JSON Lines input's when `jsonlHeader` is given.
   */
  readonly cells?: (header: readonly string[]) => CsvCellSink;
  /**
   * For endCells of JSON Lines: the columns a first pass found (its columns come in order of first
   * appearance across all lines, so only a whole pass knows them). Without it, a pass over JSON
   * Lines keeps only the header and the row count and sends no cells.
   */
  readonly jsonlHeader?: readonly string[];
}

/**
 * What endCells read: a CSV streamed through the cell sink (nothing kept), or a JSON Lines or
 * Arrow input, which is read whole.
 */
export type CellsRead =
  | ({ readonly kind: 'cells'; readonly format: 'csv'; readonly encoding: string } & CsvCellsRead)
  | {
      readonly kind: 'cells';
      readonly format: 'jsonl';
      readonly encoding: string;
      readonly header: readonly string[];
      readonly rows: number;
    }
  | ({ readonly kind: 'table' } & LoadedTable);

/** A table read with an EncodePlan (TableByteReader.endEncoded). */
export type EncodedLoadedTable = Omit<LoadedTable, 'table'> & { readonly table: EncodedTable };

type Decoded = Exclude<TextEncodingName, 'auto'>;

/** Bytes looked at before the format is sniffed: a non-blank byte decides it, or this many. */
const SNIFF_LIMIT_BYTES = 1 << 20;
const PIECE_BYTES = 1 << 16;

/**
 * Feed it chunks with `write`, then `end()` returns what `readTable` of the whole input returns
 * (same table, same errors). With `encoding: 'auto'` and no byte-order mark the text is read as
 * UTF-8; when a byte proves it is not, `restartWith` becomes `'gb18030'`, later writes are ignored,
 * and the caller reads the input again with that encoding forced (the bytes are not kept, so
 * memory stays one window whatever the input's size).
 */
export class TableByteReader {
  /** Set when the input must be read again with this encoding; see the class comment. */
  restartWith: 'gb18030' | undefined;
  private prefix: Uint8Array[] = [];
  private prefixBytes = 0;
  private format: TableFormat | undefined;
  private decoder: TextPieceDecoder | undefined;
  /** Whether the encoding is UTF-8 by assumption (auto without a BOM): a bad byte restarts. */
  private tentative = false;
  private csv: CsvParser | undefined;
  private firstText = '';
  private jsonl: JsonlParser | undefined;
  private arrowChunks: Uint8Array[] = [];
  private sampleForRows: Uint8Array = new Uint8Array(0);
  private settled = false;

  constructor(private readonly options: TableByteReaderOptions = {}) {
    if (options.delimiter !== undefined && options.delimiter.length !== 1)
      throw new TableError('table_malformed_csv', 'the CSV delimiter must be one character', {
        details: { delimiter: options.delimiter },
      });
    if (options.encoding !== undefined && options.encoding !== 'auto')
      toTextEncodingName(options.encoding);
  }

  write(chunk: Uint8Array): void {
    if (this.restartWith !== undefined || chunk.length === 0) return;
    if (this.format === undefined) {
      this.prefix.push(chunk);
      this.prefixBytes += chunk.length;
      if (!this.decidable()) return;
      this.start();
      return;
    }
    this.consume(chunk);
  }

  /** The table; undefined when the input must be read again (see `restartWith`). */
  end(): LoadedTable | undefined {
    if (!this.settle()) return undefined;
    if (this.format === 'arrow')
      return { table: this.readArrow(), format: 'arrow', encoding: 'binary' };
    const encoding = (this.decoder as TextPieceDecoder).encoding;
    if (this.format === 'jsonl') {
      const { header, columns } = (this.jsonl ??= new JsonlParser()).end();
      return { table: toColumnTable(header, columns), format: 'jsonl', encoding };
    }
    const parsed = (this.csv as CsvParser).end();
    return {
      table: toColumnTable(parsed.header, parsed.columns),
      format: 'csv',
      encoding,
      delimiter: parsed.delimiter,
    };
  }

  /**
   * end() for a reader given `encode`: the table as the plan keeps it (a CSV input is never held
   * as strings; JSON Lines and Arrow are read whole, then encoded).
   */
  endEncoded(): EncodedLoadedTable | undefined {
    const plan = this.options.encode;
    if (plan === undefined) throw new Error('TableByteReader: endEncoded needs an encode plan');
    if (this.format === 'csv' || this.format === undefined) {
      if (!this.settle()) return undefined;
      if (this.format === 'csv') {
        const csv = this.csv as CsvParser;
        const encoding = (this.decoder as TextPieceDecoder).encoding;
        return { table: csv.endEncoded(), format: 'csv', encoding, delimiter: csv.delimiter };
      }
    }
    const loaded = this.end();
    return loaded && { ...loaded, table: encodeTable(loaded.table, plan) };
  }

  /**
   * end() for a reader given `cells`: a CSV's cells went to the sink, and only its header and row
   * count are left; a JSON Lines or Arrow input comes back as end() reads it. Undefined when the
   * input must be read again (see `restartWith`).
   */
  endCells(): CellsRead | undefined {
    if (this.options.cells === undefined)
      throw new Error('TableByteReader: endCells needs a cell sink');
    if (!this.settle()) return undefined;
    if (this.format === 'csv') {
      const encoding = (this.decoder as TextPieceDecoder).encoding;
      return { kind: 'cells', format: 'csv', encoding, ...(this.csv as CsvParser).endCells() };
    }
    if (this.format === 'jsonl') {
      const encoding = (this.decoder as TextPieceDecoder).encoding;
      const parser = (this.jsonl ??= this.newJsonlParser());
      const { header } = parser.end();
      return { kind: 'cells', format: 'jsonl', encoding, header, rows: parser.rowCount };
    }
    const loaded = this.end();
    return loaded && { kind: 'table', ...loaded };
  }

  /**
   * Reads what is still pending as the end of the input; false when the input must be read again.
   * Afterwards a text input's decoder is done and a CSV's parser is ready to end.
   */
  private settle(): boolean {
    if (this.restartWith !== undefined) return false;
    if (this.settled) return true;
    if (this.format === undefined) {
      if (this.prefixBytes === 0)
        throw new TableError('table_empty_input', 'the input is empty', { details: {} });
      this.start();
      if (this.restartWith !== undefined) return false;
    }
    if (this.format === 'arrow') return (this.settled = true);
    this.pieces((this.decoder as TextPieceDecoder).end());
    if (this.restartWith !== undefined) return false;
    if (this.format === 'csv' && this.csv === undefined)
      throw new TableError('table_empty_input', 'the input holds only whitespace', { details: {} });
    return (this.settled = true);
  }

  /** Whether the prefix holds enough to sniff the format: 8 bytes and a non-blank one. */
  private decidable(): boolean {
    if (this.options.format !== undefined && this.options.format !== 'auto')
      return this.prefixBytes >= 4;
    if (this.prefixBytes >= SNIFF_LIMIT_BYTES) return true;
    if (this.prefixBytes < 8) return false;
    const last = this.prefix[this.prefix.length - 1];
    for (const byte of last)
      if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
    return false;
  }

  /** Decides format and encoding from the prefix, then reads the prefix. */
  private start(): void {
    const prefix =
      this.prefix.length === 1 ? this.prefix[0] : concat(this.prefix, this.prefixBytes);
    this.prefix = [];
    const asked = this.options.format;
    const format = !asked || asked === 'auto' ? sniffFormat(prefix) : asked;
    if (format !== 'csv' && format !== 'jsonl' && format !== 'arrow')
      throw new TableError('table_unknown_format', `unknown table format "${String(format)}"`, {
        details: { format, want: ['csv', 'jsonl', 'arrow'] },
      });
    this.format = format;
    if (format !== 'arrow') {
      const forced = this.options.encoding ?? 'auto';
      const bom = detectBom(prefix);
      let chosen: Decoded;
      let skip = 0;
      if (forced === 'auto') {
        chosen = bom?.encoding ?? 'utf-8';
        skip = bom?.bomBytes ?? 0;
        this.tentative = bom === undefined;
      } else {
        chosen = forced;
        if (bom !== undefined && bom.encoding === chosen) skip = bom.bomBytes;
      }
      if (chosen !== 'utf-16le' && chosen !== 'utf-16be') refuseBinary(prefix);
      this.decoder = new TextPieceDecoder(chosen, PIECE_BYTES, skip);
      this.sampleForRows = prefix.subarray(0, PIECE_BYTES);
      this.consume(prefix.subarray(skip));
    } else this.consume(prefix);
  }

  private consume(chunk: Uint8Array): void {
    if (this.format === 'arrow') {
      this.arrowChunks.push(chunk);
      return;
    }
    this.pieces((this.decoder as TextPieceDecoder).write(chunk));
  }

  /** Parses decoded pieces; a bad byte under assumed UTF-8 asks for a GB18030 restart instead. */
  private pieces(pieces: Iterable<string>): void {
    try {
      for (const piece of pieces) this.parse(piece);
    } catch (error) {
      if (this.tentative && error instanceof TableError && error.code === 'table_undecodable') {
        this.restartWith = 'gb18030';
        this.csv = undefined;
        this.jsonl = undefined;
        return;
      }
      throw error;
    }
  }

  private parse(piece: string): void {
    // The first 8 KiB are checked for NUL as a binary file (binary-input.ts); one further in is a
    // corrupt or binary tail no text table holds, and would reach cells and names as is.
    if (piece.includes('\0')) {
      throw new TableError(
        'table_nul_character',
        'the input holds a NUL character (U+0000), which no text table holds',
        { details: {} },
      );
    }
    if (this.format === 'jsonl') {
      (this.jsonl ??= this.newJsonlParser()).write(piece);
      return;
    }
    if (this.csv !== undefined) {
      this.csv.write(piece);
      return;
    }
    // The delimiter is sniffed from the first text that is not blank.
    this.firstText += piece;
    if (this.firstText.trim() === '') return;
    this.csv = new CsvParser(
      this.options.delimiter ?? sniffDelimiter(this.firstText),
      this.options.encode?.rows ??
        estimateRows(this.sampleForRows, this.options.expectedBytes ?? 0),
      this.options.encode,
      this.options.cells,
    );
    this.csv.write(this.firstText);
    this.firstText = '';
  }

  /** A parser that keeps the table, unless the reader streams cells (see `jsonlHeader`). */
  private newJsonlParser(): JsonlParser {
    const { cells, jsonlHeader } = this.options;
    if (cells === undefined) return new JsonlParser();
    if (jsonlHeader === undefined) return new JsonlParser({ keep: 'count' });
    return new JsonlParser({ keep: 'cells', header: jsonlHeader, sink: cells(jsonlHeader) });
  }

  private readArrow(): ColumnTable {
    const bytes =
      this.arrowChunks.length === 1
        ? this.arrowChunks[0]
        : concat(
            this.arrowChunks,
            this.arrowChunks.reduce((sum, c) => sum + c.length, 0),
          );
    this.arrowChunks = [];
    try {
      // The decoder sizes arrays by the lengths it reads; damaged ones are refused here first.
      checkArrowIpc(bytes);
      return fromArrow(bytes);
    } catch (error) {
      throw new TableError(
        'table_malformed_arrow',
        'the input is not a readable Arrow IPC file or stream',
        { details: { reason: error instanceof Error ? error.message : String(error) } },
      );
    }
  }
}

/**
 * Rows a CSV input of `totalBytes` likely holds, from the line density of `sample` (its first
 * 64 KiB); 0 for small inputs.
 */
function estimateRows(sample: Uint8Array, totalBytes: number): number {
  if (totalBytes <= 16 * PIECE_BYTES || sample.length === 0) return 0;
  let lines = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 10) lines++;
  return Math.ceil((totalBytes / sample.length) * lines * 1.02);
}

/** A binary file is not a table in any text encoding: say so rather than "not valid GB18030". */
function refuseBinary(prefix: Uint8Array): void {
  const kind = describeBinaryInput(prefix);
  if (kind === undefined) return;
  throw new TableError(
    'table_unknown_format',
    `the input is ${kind}, not a CSV, JSON Lines or Arrow table; export the sheet as CSV (UTF-8)`,
    { details: { format: 'binary', want: ['csv', 'jsonl', 'arrow'] } },
  );
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
