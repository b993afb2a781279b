// Derives a query schema (column types) from an artifact table, restricted to the entitled columns.
import { table as columnTable, type ColumnTable } from 'arquero';
import type { ColumnType, QuerySchema } from './query-model.js';

/**
 * Types each column by its first non-null value (string when a column is all null). `columns`
 * restricts and orders the schema: an entitlement's columns, so a query cannot name any other.
 */
export function inferQuerySchema(
  table: ColumnTable,
  columns: readonly string[] = table.columnNames(),
): QuerySchema {
  const present = new Set(table.columnNames());
  return Object.freeze({
    columns: columns
      .filter((name) => present.has(name))
      .map((name) => {
        const values = table.array(name) as ArrayLike<unknown>;
        let type: ColumnType = 'string';
        for (let row = 0; row < values.length; row++) {
          const value = values[row];
          if (value === null || value === undefined) continue;
          type =
            typeof value === 'number'
              ? 'number'
              : typeof value === 'boolean'
                ? 'boolean'
                : 'string';
          break;
        }
        return { name, type };
      }),
  });
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV artifacts arrive as text: a column whose every non-empty cell is a decimal number becomes
 * a number column (empty cells null) so numeric filters and sums apply. Other columns are kept.
 */
export function coerceNumericColumns(table: ColumnTable): ColumnTable {
  // A Map, not an object: column names are data (`__proto__` must stay a column name).
  const columns = new Map<string, ArrayLike<unknown>>();
  for (const name of table.columnNames()) {
    const values = table.array(name) as ArrayLike<unknown>;
    let numeric = values.length > 0;
    let seen = false;
    for (let row = 0; row < values.length && numeric; row++) {
      const value = values[row];
      if (value === null || value === undefined || value === '') continue;
      seen = true;
      if (typeof value === 'number') continue;
      numeric = typeof value === 'string' && DECIMAL.test(value);
    }
    if (!numeric || !seen) {
      columns.set(name, values);
      continue;
    }
    const converted = new Array<number | null>(values.length);
    for (let row = 0; row < values.length; row++) {
      const value = values[row];
      converted[row] = value === null || value === undefined || value === '' ? null : Number(value);
    }
    columns.set(name, converted);
  }
  return columnTable(columns, table.columnNames());
}
