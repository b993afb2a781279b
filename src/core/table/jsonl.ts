// JSON Lines input and output: one JSON object per line, columns in order of first appearance.
import type { CsvCellSink } from './csv-parser.js';
import { TableError } from './table-error.js';

export type JsonlValue = string | number | boolean | null;

/**
 * Parses JSON Lines fed in pieces (`write`, then `end`), so a large input never has to exist as
 * one string (V8 caps a string at ~2^29 characters, well under the 2 GiB upload limit); a line
 * cut by the end of a piece is carried into the next. Blank lines are skipped; each other line
 * must be a JSON object (`table_malformed_jsonl` with the 1-based line otherwise). Nested objects
 * and arrays are kept as their JSON text so every cell stays a scalar; a key missing from a line
 * is `null`. No key at all is `table_empty_input`.
 */
/**
 * How a JsonlParser keeps what it reads: `table` keeps every cell (end returns the columns);
 * `count` keeps only the header and the row count (a first pass, see TableByteReader
 * `jsonlHeader`); `cells` sends each row to a sink, with the header a counting pass found, as the
 * raw strings detection reads of the kept values (a missing key or null is `''`, a number or
 * boolean its String, a nested value its JSON text), so no cell is kept.
 */
export type JsonlParserMode =
  | { readonly keep: 'table' }
  | { readonly keep: 'count' }
  | { readonly keep: 'cells'; readonly header: readonly string[]; readonly sink: CsvCellSink };

export class JsonlParser {
  private readonly header: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly columns: JsonlValue[][] = [];
  private rows = 0;
  private line = 0;
  private carry = '';
  private sawRecord = false;
  /** Per column, the current row's cell (`cells` mode). */
  private readonly rowCells: string[] = [];

  constructor(private readonly mode: JsonlParserMode = { keep: 'table' }) {
    if (mode.keep === 'cells')
      mode.header.forEach((key, index) => {
        this.header.push(key);
        this.indexOf.set(key, index);
        this.rowCells.push('');
      });
  }

  /** The rows read so far. */
  get rowCount(): number {
    return this.rows;
  }

  write(piece: string): void {
    const text = this.carry === '' ? piece : this.carry + piece;
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak === -1) {
      this.carry = text;
      return;
    }
    this.parseLines(text, 0, lastBreak);
    this.carry = text.slice(lastBreak + 1);
  }

  end(): { header: string[]; columns: JsonlValue[][] } {
    this.parseLines(this.carry, 0, this.carry.length);
    this.carry = '';
    if (this.header.length === 0)
      throw new TableError(
        'table_empty_input',
        this.sawRecord ? 'the JSON Lines input has no records' : 'the input holds only whitespace',
        { details: {} },
      );
    return { header: this.header, columns: this.columns };
  }

  /** The lines of text[start, end), which ends at a line break (or the input's end). */
  private parseLines(text: string, start: number, end: number): void {
    for (let from = start; from <= end;) {
      let to = text.indexOf('\n', from);
      if (to === -1 || to > end) to = end;
      this.line++;
      const line = text.slice(from, to).trim();
      from = to + 1;
      if (line.length > 0) this.addRecord(line);
      if (to === end) break;
    }
  }

  private addRecord(line: string): void {
    this.sawRecord = true;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new TableError('table_malformed_jsonl', `JSON Lines line ${this.line} is not JSON`, {
        details: { line: this.line, reason: (error as Error).message },
      });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new TableError(
        'table_malformed_jsonl',
        `JSON Lines line ${this.line} is not an object`,
        {
          details: { line: this.line },
        },
      );
    if (this.mode.keep !== 'table') {
      this.addUnkept(value, this.mode);
      return;
    }
    const rows = this.rows;
    for (const [key, cell] of Object.entries(value)) {
      let col = this.indexOf.get(key);
      if (col === undefined) {
        col = this.header.length;
        this.header.push(key);
        this.indexOf.set(key, col);
        this.columns.push(new Array<JsonlValue>(rows).fill(null));
      }
      this.columns[col][rows] =
        cell !== null && typeof cell === 'object' ? JSON.stringify(cell) : (cell as JsonlValue);
    }
    this.rows = rows + 1;
    for (const column of this.columns) if (column.length < this.rows) column.push(null);
  }

  private addUnkept(record: object, mode: Exclude<JsonlParserMode, { keep: 'table' }>): void {
    const row = this.rows;
    this.rows = row + 1;
    if (mode.keep === 'count') {
      for (const key of Object.keys(record))
        if (!this.indexOf.has(key)) {
          this.indexOf.set(key, this.header.length);
          this.header.push(key);
        }
      return;
    }
    const cells = this.rowCells;
    cells.fill('');
    for (const [key, cell] of Object.entries(record)) {
      const col = this.indexOf.get(key);
      if (col === undefined)
        throw new Error(`JsonlParser: key "${key}" is not in the header the counting pass found`);
      cells[col] =
        cell === null ? '' : typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
    }
    // Each cell is its own string: passed as `quoted` so the sink takes it as is.
    for (let col = 0; col < cells.length; col++)
      mode.sink.push(col, row, cells[col], 0, cells[col].length, cells[col]);
    mode.sink.endRow(row);
  }
}

/** Parses a whole JSON Lines text; see JsonlParser. */
export function parseJsonl(text: string): { header: string[]; columns: JsonlValue[][] } {
  const parser = new JsonlParser();
  parser.write(text);
  return parser.end();
}

/** Writes rows as JSON Lines; `undefined` cells are written as `null`. */
export function toJsonlText(
  header: readonly string[],
  columns: readonly ArrayLike<unknown>[],
  range: { readonly start?: number; readonly end?: number } = {},
): string {
  const start = range.start ?? 0;
  const end = range.end ?? (columns.length > 0 ? columns[0].length : 0);
  const keys = header.map((h) => JSON.stringify(h));
  const parts: string[] = [];
  for (let row = start; row < end; row++) {
    let line = '{';
    for (let col = 0; col < header.length; col++) {
      const value = columns[col][row];
      line += `${col ? ',' : ''}${keys[col]}:${value === undefined ? 'null' : JSON.stringify(typeof value === 'bigint' ? value.toString() : value)}`;
    }
    parts.push(`${line}}`);
  }
  return parts.length ? `${parts.join('\n')}\n` : '';
}
