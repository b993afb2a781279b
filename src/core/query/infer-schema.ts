// Derives a query schema (column types) from an artifact table, restricted to the entitled columns.
import type { ColumnTable } from 'arquero';
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
