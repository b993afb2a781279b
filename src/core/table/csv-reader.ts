// RFC 4180 CSV parsing into string columns, with delimiter sniffing and errors that give row and column.
import { TableError } from './table-error.js';

/** Distinct values per column up to which cells are interned (beyond, the column is high-cardinality). */
const INTERN_LIMIT = 65_536;

/** Delimiters the sniffer considers, in order of preference on ties. */
export const CSV_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

export interface ParsedCsv {
  readonly header: readonly string[];
  /** One array of raw strings per column (an empty field is `''`). */
  readonly columns: readonly string[][];
  readonly delimiter: string;
}

/**
 * Picks the delimiter among `,` `;` tab `|`: the one that splits the first lines (quotes respected)
 * into the same number (> 1) of fields on every line, the most fields winning; else the one most
 * frequent on the header line; else `,` (a one-column file).
 */
export function sniffDelimiter(text: string): string {
  const lines = firstLines(text, 20);
  let best = '';
  let bestFields = 1;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((line) => countFields(line, delimiter));
    if (counts.every((c) => c === counts[0]) && counts[0] > bestFields) {
      best = delimiter;
      bestFields = counts[0];
    }
  }
  if (best) return best;
  for (const delimiter of CSV_DELIMITERS) {
    const fields = lines.length > 0 ? countFields(lines[0], delimiter) : 1;
    if (fields > bestFields) {
      best = delimiter;
      bestFields = fields;
    }
  }
  return best || ',';
}

function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) {
      const line = text.slice(start, text.charCodeAt(i - 1) === 13 ? i - 1 : i);
      if (line.length > 0) lines.push(line);
      start = i + 1;
    }
  }
  if (lines.length < max && start < text.length) lines.push(text.slice(start));
  return lines;
}

function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) fields++;
  }
  return fields;
}

/**
 * Parses CSV text (RFC 4180: `"` quoting with `""` escapes, fields may span lines; LF, CRLF or CR
 * record ends). The first record is the header. Requires a single-character delimiter.
 * Errors (TableError, 1-based `row` counting the header as row 1, `line` the physical line,
 * `column` the 1-based field):
 * - `table_empty_input`: no header;
 * - `table_malformed_csv`: a quote inside an unquoted field, text after a closing quote, an
 *   unterminated quote (reported at the line where it opened), an empty or duplicate header name;
 * - `table_ragged_row`: a record whose field count differs from the header's.
 */
export function parseCsv(text: string, delimiter: string = sniffDelimiter(text)): ParsedCsv {
  const sep = delimiter.charCodeAt(0);
  const length = text.length;
  let header: string[] | undefined;
  let columns: string[][] = [];
  let interned: (Map<string, string> | null)[] = [];
  let fieldIndex = 0;
  let row = 1;
  let line = 1;
  let record: string[] = [];
  let position = 0;

  const fail = (
    code: 'table_malformed_csv' | 'table_ragged_row',
    why: string,
    at: object,
  ): never => {
    throw new TableError(code, `CSV ${why}`, { details: { delimiter, ...at } });
  };

  const endRecord = (): void => {
    if (header === undefined) {
      header = record;
      header.forEach((name, index) => {
        if (name.trim() === '')
          fail('table_malformed_csv', `header field ${index + 1} is empty`, {
            row: 1,
            column: index + 1,
          });
        const first = header!.indexOf(name);
        if (first !== index)
          fail(
            'table_malformed_csv',
            `header repeats "${name}" (fields ${first + 1} and ${index + 1})`,
            {
              row: 1,
              column: index + 1,
            },
          );
      });
      columns = header.map(() => []);
      interned = header.map(() => new Map<string, string>());
    } else {
      if (fieldIndex !== header.length)
        fail(
          'table_ragged_row',
          `row ${row} (line ${line}) has ${fieldIndex} field(s), the header has ${header.length}`,
          { row, line, got: fieldIndex, want: header.length },
        );
    }
    record = [];
    fieldIndex = 0;
    row++;
  };

  const pushField = (value: string): void => {
    if (header === undefined) record.push(value);
    else {
      if (fieldIndex < header.length) {
        // Intern repeated values of low-cardinality columns: one string per distinct value instead
        // of one per cell (memory), and later hashing hits V8's cached hash of that one string.
        const intern = interned[fieldIndex];
        if (intern !== null) {
          const known = intern.get(value);
          if (known !== undefined) value = known;
          else if (intern.size < INTERN_LIMIT) intern.set(value, value);
          else interned[fieldIndex] = null;
        }
        columns[fieldIndex].push(value);
      } else if (fieldIndex === header.length) {
        // Stop at the first extra field: the record is ragged; report it before storing anything odd.
        fail(
          'table_ragged_row',
          `row ${row} (line ${line}) has more fields than the header's ${header.length}`,
          { row, line, got: fieldIndex + 1, want: header.length },
        );
      }
    }
    fieldIndex++;
  };

  while (position < length) {
    // One field starts at `position`.
    let c = text.charCodeAt(position);
    if (c === 34) {
      const openLine = line;
      let value = '';
      let cursor = position + 1;
      while (true) {
        const close = text.indexOf('"', cursor);
        if (close === -1)
          fail(
            'table_malformed_csv',
            `row ${row}, field ${fieldIndex + 1}: quote opened on line ${openLine} never closes`,
            {
              row,
              line: openLine,
              column: fieldIndex + 1,
            },
          );
        const chunk = text.slice(cursor, close);
        for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) line++;
        value += chunk;
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          cursor = close + 2;
          continue;
        }
        position = close + 1;
        break;
      }
      pushField(value);
      c = text.charCodeAt(position);
      if (position < length && c !== sep && c !== 10 && c !== 13)
        fail(
          'table_malformed_csv',
          `row ${row} (line ${line}), field ${fieldIndex}: text after a closing quote`,
          {
            row,
            line,
            column: fieldIndex,
          },
        );
    } else {
      let end = position;
      while (end < length) {
        c = text.charCodeAt(end);
        if (c === sep || c === 10 || c === 13) break;
        if (c === 34)
          fail(
            'table_malformed_csv',
            `row ${row} (line ${line}), field ${fieldIndex + 1}: quote inside an unquoted field`,
            {
              row,
              line,
              column: fieldIndex + 1,
            },
          );
        end++;
      }
      pushField(text.slice(position, end));
      position = end;
      c = end < length ? text.charCodeAt(end) : -1;
    }
    // After a field: a delimiter, a record end, or the end of the text.
    if (position >= length) {
      endRecord();
      break;
    }
    if (c === sep) {
      position++;
      if (position >= length) {
        pushField('');
        endRecord();
      }
      continue;
    }
    position += c === 13 && text.charCodeAt(position + 1) === 10 ? 2 : 1;
    endRecord();
    line++;
    // Trailing blank lines end the file; a blank line inside it is a (ragged) empty record.
    let probe = position;
    while (probe < length && (text.charCodeAt(probe) === 10 || text.charCodeAt(probe) === 13))
      probe++;
    if (probe >= length) break;
  }
  if (header === undefined || (header.length === 1 && header[0] === ''))
    throw new TableError('table_empty_input', 'the input has no header row', { details: {} });
  return { header, columns, delimiter };
}
