// CSV output (RFC 4180) with the spreadsheet formula-injection guard on by default.

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
  if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r'))
    return `"${cell.replaceAll('"', '""')}"`;
  return cell;
}

/** Writes a header and rows of raw strings (columns given column-major) as CSV text. */
export function toCsvText(
  header: readonly string[],
  columns: readonly (readonly string[])[],
  options: CsvWriteOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const guard = options.formulaGuard ?? true;
  const newline = options.newline ?? '\n';
  const rowCount = columns.length > 0 ? columns[0].length : 0;
  const parts: string[] =
    options.includeHeader === false
      ? []
      : [header.map((h) => toCsvCell(h, delimiter, guard)).join(delimiter)];
  const cells = new Array<string>(columns.length);
  for (let row = 0; row < rowCount; row++) {
    for (let col = 0; col < columns.length; col++)
      cells[col] = toCsvCell(columns[col][row], delimiter, guard);
    parts.push(cells.join(delimiter));
  }
  return parts.length === 0 ? '' : parts.join(newline) + newline;
}
