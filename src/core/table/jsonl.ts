// JSON Lines input and output: one JSON object per line, columns in order of first appearance.
import { TableError } from './table-error.js';

export type JsonlValue = string | number | boolean | null;

/**
 * Parses JSON Lines. Blank lines are skipped; each other line must be a JSON object
 * (`table_malformed_jsonl` with the 1-based line otherwise). Nested objects and arrays are kept
 * as their JSON text so every cell stays a scalar; a key missing from a line is `null`.
 */
export function parseJsonl(text: string): { header: string[]; columns: JsonlValue[][] } {
  const header: string[] = [];
  const indexOf = new Map<string, number>();
  const columns: JsonlValue[][] = [];
  let rows = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new TableError('table_malformed_jsonl', `JSON Lines line ${index + 1} is not JSON`, {
        details: { line: index + 1, reason: (error as Error).message },
      });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new TableError(
        'table_malformed_jsonl',
        `JSON Lines line ${index + 1} is not an object`,
        {
          details: { line: index + 1 },
        },
      );
    for (const [key, cell] of Object.entries(value)) {
      let col = indexOf.get(key);
      if (col === undefined) {
        col = header.length;
        header.push(key);
        indexOf.set(key, col);
        columns.push(new Array<JsonlValue>(rows).fill(null));
      }
      columns[col][rows] =
        cell !== null && typeof cell === 'object' ? JSON.stringify(cell) : (cell as JsonlValue);
    }
    rows++;
    for (const column of columns) if (column.length < rows) column.push(null);
  }
  if (header.length === 0)
    throw new TableError('table_empty_input', 'the JSON Lines input has no records', {
      details: {},
    });
  return { header, columns };
}

/** Writes rows as JSON Lines; `undefined` cells are written as `null`. */
export function toJsonlText(
  header: readonly string[],
  columns: readonly ArrayLike<unknown>[],
): string {
  const rowCount = columns.length > 0 ? columns[0].length : 0;
  const keys = header.map((h) => JSON.stringify(h));
  const parts: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    let line = '{';
    for (let col = 0; col < header.length; col++) {
      const value = columns[col][row];
      line += `${col ? ',' : ''}${keys[col]}:${value === undefined ? 'null' : JSON.stringify(typeof value === 'bigint' ? value.toString() : value)}`;
    }
    parts.push(`${line}}`);
  }
  return parts.length ? `${parts.join('\n')}\n` : '';
}
