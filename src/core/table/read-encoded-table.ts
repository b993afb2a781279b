// Reads CSV, JSON Lines or Arrow input as an EncodedTable: only the columns a plan keeps, as codes,
// in as many passes over the input as that takes (the input is never held whole).
import { COUNT_ROWS, type EncodePlan } from './encoded-table.js';
import type { ReadTableOptions } from './read-table.js';
import {
  TableByteReader,
  type EncodedLoadedTable,
  type TableByteReaderOptions,
} from './table-byte-reader.js';
import { TableError } from './table-error.js';
import { detectEncoding, type TextEncodingName } from './text-encoding.js';

/**
 * The passes of one encoded read, for a caller that owns the input's bytes (a file, a blob
 * stream): while `next()` gives a reader, write every chunk of the input to it (stopping early when
 * its `restartWith` is set) and hand it back to `finish`; then `result()` is the table.
 * A plan that samples a column without knowing the row count first gets a pass that only counts
 * rows (and settles the encoding), so the sample positions are those of the whole table; a UTF-8
 * guess a late byte disproves costs a pass more (the bytes are not kept in between).
 */
export class EncodedReadPasses {
  private encoding: TextEncodingName | undefined;
  private rows: number | undefined;
  private counting: boolean;
  private loaded: EncodedLoadedTable | undefined;

  constructor(
    private readonly plan: EncodePlan,
    private readonly options: TableByteReaderOptions = {},
  ) {
    this.encoding = options.encoding;
    this.rows = plan.rows;
    this.counting = plan.samples && plan.rows === undefined;
  }

  /** The reader of the next pass; undefined once the table is read. */
  next(): TableByteReader | undefined {
    if (this.loaded !== undefined) return undefined;
    const encode = this.counting ? COUNT_ROWS : { ...this.plan, rows: this.rows };
    return new TableByteReader({ ...this.options, encoding: this.encoding, encode });
  }

  /** Ends the pass `reader` was fed. */
  finish(reader: TableByteReader): void {
    const loaded = reader.endEncoded();
    if (loaded === undefined) {
      this.encoding = reader.restartWith;
      return;
    }
    if (!this.counting) {
      this.loaded = loaded;
      return;
    }
    this.counting = false;
    this.rows = loaded.table.rows;
    if (loaded.encoding !== 'binary') this.encoding = loaded.encoding;
  }

  result(): EncodedLoadedTable {
    if (this.loaded === undefined) throw new Error('EncodedReadPasses: the read is not finished');
    return this.loaded;
  }
}

/**
 * readTable, keeping only what `plan` asks for: the same errors, and the dictionaries and codes
 * encodeColumn gives of readTable's columns (the samples too, see sampleColumn).
 */
export function readEncodedTable(
  bytes: Uint8Array,
  plan: EncodePlan,
  options: ReadTableOptions = {},
): EncodedLoadedTable {
  if (bytes.length === 0)
    throw new TableError('table_empty_input', 'the input is empty', { details: {} });
  // With every byte at hand, `auto` is decided up front, so no pass restarts.
  const encoding =
    (options.encoding ?? 'auto') === 'auto' ? detectEncoding(bytes).encoding : options.encoding;
  const passes = new EncodedReadPasses(plan, {
    ...options,
    encoding,
    expectedBytes: bytes.length,
  });
  for (let reader = passes.next(); reader !== undefined; reader = passes.next()) {
    reader.write(bytes);
    passes.finish(reader);
  }
  return passes.result();
}
