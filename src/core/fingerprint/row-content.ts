// The canonical text of each row, the same whether read from the artifact or from a leaked CSV/JSONL copy.
import type { ColumnTable } from 'arquero';

/**
 * One value as text: what survives a CSV round trip. Numbers use JavaScript's shortest form
 * (CSV "12.50" parsed back is 12.5 → "12.5"), null and empty are the same, dates are ISO 8601.
 */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return String(value);
}

/**
 * The canonical content of every row of `table` over `columns` (default: all), columns taken in
 * name order so that a copy with reordered columns has the same row contents.
 */
export function rowContents(
  table: ColumnTable,
  columns: readonly string[] = table.columnNames(),
): string[] {
  const names = [...columns].sort();
  const arrays = names.map((name) => table.array(name) as ArrayLike<unknown>);
  const rowCount = table.numRows();
  const contents: string[] = new Array(rowCount);
  const values: string[] = new Array(arrays.length);
  for (let row = 0; row < rowCount; row++) {
    for (let column = 0; column < arrays.length; column++)
      values[column] = valueText(arrays[column][row]);
    contents[row] = JSON.stringify(values);
  }
  return contents;
}

/** Row contents of records parsed from a copy (e.g. JSON Lines objects or CSV rows keyed by header). */
export function recordContents(
  records: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
): string[] {
  const names = [...columns].sort();
  return records.map((record) => JSON.stringify(names.map((name) => valueText(record[name]))));
}
