// An incremental RFC 4180 CSV parser: text arrives in pieces, cells come out as column arrays.
import type { DictionaryColumn } from './dictionary-column.js';
import type { EncodedTable, EncodePlan, SampledColumn } from './encoded-table.js';
import { ownedSlice, ownedString } from './owned-string.js';
import { PlannedColumns } from './planned-columns.js';
import { StringInterner } from './string-interner.js';
import { TableError } from './table-error.js';

/** Distinct values per column up to which cells are interned (beyond, the column is high-cardinality). */
const INTERN_LIMIT = 65_536;

/**
 * Receives a CSV's data cells as they are parsed, instead of the parser keeping them: `push` for
 * each cell of data row `row` (`text.slice(start, end)`, or `quoted`, unescaped, when quoted),
 * `endRow` once the row is complete. A row cut by the end of a piece is pushed again from its
 * first cell, so `push` must only overwrite; `endRow` comes once per row, in the same call as
 * the row's pushes (its `text` is still the one pushed).
 */
export interface CsvCellSink {
  push(
    column: number,
    row: number,
    text: string,
    start: number,
    end: number,
    quoted: string | undefined,
  ): void;
  endRow(row: number): void;
}

/** What a parser given a cell sink read (CsvParser.endCells). */
export interface CsvCellsRead {
  readonly header: readonly string[];
  readonly rows: number;
  readonly delimiter: string;
}

export interface ParsedCsv {
  readonly header: readonly string[];
  /** One array of raw strings per column (an empty field is `''`). */
  readonly columns: readonly string[][];
  readonly delimiter: string;
}

/**
 * Parses CSV text fed in pieces (`write`, then `end`), so a large input never has to exist as
 * one decoded string: a piece is parsed up to its last complete record and the rest is carried
 * into the next. RFC 4180: `"` quoting with `""` escapes, fields may span lines; LF, CRLF or
 * CR record ends. The first record is the header. Requires a single-character delimiter.
 * Errors (TableError, 1-based `row` counting the header as row 1, `line` the physical line,
 * `column` the 1-based field):
 * - `table_empty_input`: no header;
 * - `table_malformed_csv`: a quote inside an unquoted field, text after a closing quote, an
 *   unterminated quote (reported at the line where it opened), an empty or duplicate header name;
 * - `table_ragged_row`: a record whose field count differs from the header's.
 * Cells are strings of their own (`ownedSlice`), never views into the input, and repeated values
 * of low-cardinality columns share one string.
 */
export class CsvParser {
  private readonly sep: number;
  private header: string[] | undefined;
  private columns: string[][] = [];
  private interners: (StringInterner | null)[] = [];
  private record: string[] = [];
  private fieldIndex = 0;
  private row = 1;
  private line = 1;
  /** The unparsed end of the text so far (a record cut by the end of a piece). */
  private carry = '';
  private pending: string[] = [];
  private pendingLength = 0;
  /** With a plan: the columns as codes and samples instead of strings (see endEncoded). */
  private planned: PlannedColumns | undefined;
  /** Where cells go instead of `columns`: the plan's columns, or the caller's `cells`. */
  private sink: CsvCellSink | undefined;

  /**
   * `expectedRows`: a guess at the data rows (from the input's size), so each column is allocated
   * once instead of growing by copies through a million rows; any guess works. With `plan`, the
   * columns are kept as it says and `endEncoded` returns them (`end` is not available). With
   * `cells`, nothing is kept: the sink it makes for the header gets every data cell, and the
   * parse ends with `endCells`.
   */
  constructor(
    readonly delimiter: string,
    private readonly expectedRows = 0,
    private readonly plan?: EncodePlan,
    private readonly cells?: (header: readonly string[]) => CsvCellSink,
  ) {
    this.sep = delimiter.charCodeAt(0);
  }

  /** Parses every complete record of `piece` (after what earlier pieces left over). */
  write(piece: string): void {
    this.pending.push(piece);
    this.pendingLength += piece.length;
    // A record longer than the pieces (a quote left open, say) is re-read from its start with each
    // piece; waiting until the new text is as long as the carry keeps the total work linear.
    if (this.pendingLength < this.carry.length) return;
    this.flush(false);
  }

  /** Parses what is left as the end of the input and returns the table. */
  end(): ParsedCsv {
    this.flush(true);
    const header = this.header;
    if (header === undefined || (header.length === 1 && header[0] === ''))
      throw new TableError('table_empty_input', 'the input has no header row', { details: {} });
    if (this.sink !== undefined)
      throw new Error('CsvParser: a planned read ends with endEncoded or endCells');
    for (const column of this.columns) column.length = this.row - 2;
    return { header, columns: this.columns, delimiter: this.delimiter };
  }

  /** Parses what is left as the end of the input and returns the table the plan asked for. */
  endEncoded(): EncodedTable {
    this.flush(true);
    const header = this.header;
    if (header === undefined || (header.length === 1 && header[0] === ''))
      throw new TableError('table_empty_input', 'the input has no header row', { details: {} });
    const rows = this.row - 2;
    const planned = this.planned as PlannedColumns;
    const encoded = new Map<string, DictionaryColumn>();
    const sampled = new Map<string, SampledColumn>();
    header.forEach((name, index) => {
      const column = planned.encodedColumn(index, name, rows);
      if (column !== undefined) encoded.set(name, column);
      const sample = planned.sampledColumn(index, rows);
      if (sample !== undefined) sampled.set(name, sample);
    });
    return { kind: 'encoded', names: header, rows, encoded, sampled };
  }

  /** Parses what is left as the end of the input; for a parser given `cells`. */
  endCells(): CsvCellsRead {
    this.flush(true);
    const header = this.header;
    if (header === undefined || (header.length === 1 && header[0] === ''))
      throw new TableError('table_empty_input', 'the input has no header row', { details: {} });
    return { header, rows: this.row - 2, delimiter: this.delimiter };
  }

  private flush(final: boolean): void {
    // The usual case, a lone piece and nothing carried, is parsed as it is: no copy.
    const pending = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    const text = this.carry === '' ? pending : this.carry + pending;
    this.pending = [];
    this.pendingLength = 0;
    const consumed = this.parse(text, final);
    this.carry = consumed < text.length ? text.slice(consumed) : '';
  }

  /**
   * Parses records from the start of `text`; returns where the first unparsed record starts.
   * Unless `final`, a record that reaches the end of `text` (where the next piece may continue
   * it) is undone and left for the next call.
   */
  private parse(text: string, final: boolean): number {
    const sep = this.sep;
    const length = text.length;
    let position = 0;
    while (position < length) {
      // Trailing blank lines end the file; a blank line inside it is a (ragged) empty record.
      let probe = position;
      while (probe < length && (text.charCodeAt(probe) === 10 || text.charCodeAt(probe) === 13))
        probe++;
      if (probe >= length) return final ? length : position;
      const recordStart = position;
      const recordLine = this.line;
      // One record: fields until a record end.
      for (;;) {
        let c = text.charCodeAt(position);
        if (c === 34) {
          const openLine = this.line;
          let value = '';
          let cursor = position + 1;
          for (;;) {
            const close = text.indexOf('"', cursor);
            if (close === -1 || (close + 1 === length && !final)) {
              if (!final) return this.undoRecord(recordStart, recordLine);
              this.fail(
                'table_malformed_csv',
                `row ${this.row}, field ${this.fieldIndex + 1}: quote opened on line ${openLine} never closes`,
                {
                  row: this.row,
                  line: openLine,
                  column: this.fieldIndex + 1,
                },
              );
            }
            for (let i = cursor; i < close; i++) if (text.charCodeAt(i) === 10) this.line++;
            value += text.slice(cursor, close);
            if (text.charCodeAt(close + 1) === 34) {
              value += '"';
              cursor = close + 2;
              continue;
            }
            position = close + 1;
            break;
          }
          this.pushField(text, 0, 0, value);
          c = text.charCodeAt(position);
          if (position < length && c !== sep && c !== 10 && c !== 13)
            this.fail(
              'table_malformed_csv',
              `row ${this.row} (line ${this.line}), field ${this.fieldIndex}: text after a closing quote`,
              {
                row: this.row,
                line: this.line,
                column: this.fieldIndex,
              },
            );
        } else {
          let end = position;
          while (end < length) {
            c = text.charCodeAt(end);
            if (c === sep || c === 10 || c === 13) break;
            if (c === 34)
              this.fail(
                'table_malformed_csv',
                `row ${this.row} (line ${this.line}), field ${this.fieldIndex + 1}: quote inside an unquoted field`,
                {
                  row: this.row,
                  line: this.line,
                  column: this.fieldIndex + 1,
                },
              );
            end++;
          }
          if (end >= length && !final) return this.undoRecord(recordStart, recordLine);
          this.pushField(text, position, end);
          position = end;
          c = end < length ? text.charCodeAt(end) : -1;
        }
        // After a field: a delimiter, a record end, or the end of the text.
        if (position >= length) {
          if (!final) return this.undoRecord(recordStart, recordLine);
          this.endRecord();
          return length;
        }
        if (c === sep) {
          position++;
          if (position >= length) {
            if (!final) return this.undoRecord(recordStart, recordLine);
            this.pushField(text, position, position);
            this.endRecord();
            return length;
          }
          continue;
        }
        // A CR that ends the text may be the first half of a CRLF the next piece completes.
        if (c === 13 && position + 1 >= length && !final)
          return this.undoRecord(recordStart, recordLine);
        position += c === 13 && text.charCodeAt(position + 1) === 10 ? 2 : 1;
        this.endRecord();
        this.line++;
        break;
      }
    }
    return position;
  }

  private fail(code: 'table_malformed_csv' | 'table_ragged_row', why: string, at: object): never {
    throw new TableError(code, `CSV ${why}`, { details: { delimiter: this.delimiter, ...at } });
  }

  // A cell: text.slice(start, end) for an unquoted field, `quoted` (unescaped) for a quoted one.
  private pushField(text: string, start: number, end: number, quoted?: string): void {
    const header = this.header;
    const fieldIndex = this.fieldIndex;
    if (header === undefined) {
      this.record.push(quoted ?? text.slice(start, end));
    } else if (fieldIndex < header.length && this.sink !== undefined) {
      this.sink.push(fieldIndex, this.row - 2, text, start, end, quoted);
    } else if (fieldIndex < header.length) {
      const interner = this.interners[fieldIndex];
      let value: string;
      if (interner === null)
        value = quoted === undefined ? ownedSlice(text, start, end) : ownedString(quoted);
      else {
        const code =
          quoted === undefined
            ? interner.internRange(text, start, end, ownedSlice)
            : interner.intern(ownedString(quoted));
        value = interner.dictionary[code];
        if (interner.size > INTERN_LIMIT) this.interners[fieldIndex] = null;
      }
      // Row 1 is the header: data row r is index r − 2. A record taken back is overwritten.
      this.columns[fieldIndex][this.row - 2] = value;
    } else if (fieldIndex === header.length) {
      // Stop at the first extra field: the record is ragged; report it before storing anything odd.
      this.fail(
        'table_ragged_row',
        `row ${this.row} (line ${this.line}) has more fields than the header's ${header.length}`,
        { row: this.row, line: this.line, got: fieldIndex + 1, want: header.length },
      );
    }
    this.fieldIndex = fieldIndex + 1;
  }

  /** Takes back the fields of a record the text ended inside; returns where it started. */
  private undoRecord(recordStart: number, recordLine: number): number {
    if (this.header === undefined) this.record = [];
    this.fieldIndex = 0;
    this.line = recordLine;
    return recordStart;
  }

  private endRecord(): void {
    const header = this.header;
    if (header === undefined) {
      this.acceptHeader(this.record);
    } else if (this.fieldIndex !== header.length) {
      this.fail(
        'table_ragged_row',
        `row ${this.row} (line ${this.line}) has ${this.fieldIndex} field(s), the header has ${header.length}`,
        { row: this.row, line: this.line, got: this.fieldIndex, want: header.length },
      );
    } else this.sink?.endRow(this.row - 2);
    this.record = [];
    this.fieldIndex = 0;
    this.row++;
  }

  private acceptHeader(names: string[]): void {
    names.forEach((name, index) => {
      if (name.trim() === '')
        this.fail('table_malformed_csv', `header field ${index + 1} is empty`, {
          row: 1,
          column: index + 1,
        });
      const first = names.indexOf(name);
      if (first !== index)
        this.fail(
          'table_malformed_csv',
          `header repeats "${name}" (fields ${first + 1} and ${index + 1})`,
          {
            row: 1,
            column: index + 1,
          },
        );
    });
    this.header = names;
    if (this.plan !== undefined) {
      this.planned = new PlannedColumns(names, this.plan, this.expectedRows);
      this.sink = this.planned;
      return;
    }
    if (this.cells !== undefined) {
      this.sink = this.cells(names);
      return;
    }
    this.columns = names.map(() => new Array<string>(this.expectedRows));
    this.interners = names.map(() => new StringInterner(8, Infinity, { rangeLookups: true }));
  }
}
