// CSV output (RFC 4180) with the spreadsheet formula-injection guard on by default.
import { toRawString } from './dictionary-column.js';

export interface CsvWriteOptions {
  readonly delimiter?: string;
  /**
   * Prefix `'` to any cell starting with `=`, `+`, `-`, `@`, tab or CR so a spreadsheet opening the
   * file does not evaluate it as a formula (OWASP "CSV injection"). Plain numbers such as `-12.5`
   * are left alone: a number cannot carry a formula, and mangling it would corrupt the data.
   * Default true.
   */
  readonly formulaGuard?: boolean;
  /** Line ending; RFC 4180 says CRLF, default `\n` as most tools write. */
  readonly newline?: '\n' | '\r\n';
  /** Write the header line first; default true (false for the later slices of a long table). */
  readonly includeHeader?: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when a spreadsheet would treat the cell as a formula (first char `=` `+` `-` `@` tab CR). */
export function isFormulaLike(cell: string): boolean {
  if (cell.length === 0) return false;
  const c = cell.charCodeAt(0);
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return false;
  return !NUMBER.test(cell);
}

/** Encodes one cell: guard first (so the quote check sees the final text), then RFC 4180 quoting. */
export function toCsvCell(raw: string, delimiter: string, formulaGuard: boolean): string {
  const cell = formulaGuard && isFormulaLike(raw) ? `'${raw}` : raw;
  return needsQuotes(cell, delimiter.charCodeAt(0)) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One pass over the cell for a quote, the delimiter, LF or CR (four `includes` cost 3× more). */
function needsQuotes(cell: string, delimiter: number): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13 || c === delimiter) return true;
  }
  return false;
}

/**
 * Writes a header and rows `start` ≤ row < `end` of raw values (columns given column-major;
 * `toRawString` turns each value into its text) as CSV text.
 */
export function toCsvText(
  header: readonly string[],
  columns: readonly ArrayLike<unknown>[],
  options: CsvWriteOptions & { readonly start?: number; readonly end?: number } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const guard = options.formulaGuard ?? true;
  const newline = options.newline ?? '\n';
  const start = options.start ?? 0;
  const end = options.end ?? (columns.length > 0 ? columns[0].length : 0);
  const parts: string[] =
    options.includeHeader === false
      ? []
      : [header.map((h) => toCsvCell(h, delimiter, guard)).join(delimiter)];
  const cells = new Array<string>(columns.length);
  for (let row = start; row < end; row++) {
    for (let col = 0; col < columns.length; col++)
      cells[col] = toCsvCell(toRawString(columns[col][row]), delimiter, guard);
    parts.push(cells.join(delimiter));
  }
  return parts.length === 0 ? '' : parts.join(newline) + newline;
}
