// An artifact as the query engine serves it: its local Parquet file, schema, and the buyer's copy as SQL.
import type { ColumnType, QuerySchema, SqlFragment } from '../../core/query/index.js';
import { identifier, joinSql, sql } from '../../core/query/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';

export interface ServedColumn {
  readonly name: string;
  /** DuckDB's type name, e.g. `DECIMAL(18,2)`, `BIGINT`, `VARCHAR`, `DATE`. */
  readonly engineType: string;
  readonly type: ColumnType;
}

/** A file path we chose (under DATA_DIR/serving) as an SQL string literal: COPY and DESCRIBE take no parameters. */
export function pathLiteral(path: string): SqlFragment {
  return { sql: `'${path.replaceAll("'", "''")}'`, params: [] };
}

const NUMBER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** The columns of the Parquet file at `path` with their query types. */
export async function describeParquet(
  engine: AnalyticsEngine,
  path: string,
): Promise<ServedColumn[]> {
  const rows = await engine.all(sql`DESCRIBE SELECT * FROM read_parquet(${pathLiteral(path)})`);
  return rows.map((row) => {
    const engineType = String(row[1]);
    const type: ColumnType = NUMBER_TYPE.test(engineType)
      ? 'number'
      : engineType === 'BOOLEAN'
        ? 'boolean'
        : 'string';
    return { name: String(row[0]), engineType, type };
  });
}

/** The schema a buyer may query: the entitled columns present in the artifact, in entitlement order. */
export function entitledSchema(
  columns: readonly ServedColumn[],
  entitled: readonly string[],
): { schema: QuerySchema; served: ServedColumn[] } {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const served = entitled.flatMap((name) => {
    const column = byName.get(name);
    return column ? [column] : [];
  });
  return {
    schema: { columns: served.map(({ name, type }) => ({ name, type })) },
    served,
  };
}

/** The file's row ordinal: position in the artifact, which the fingerprint plan's rows refer to. */
export const ROW_NUMBER_COLUMN = 'file_row_number';

/**
 * The buyer's copy as a relation: the entitled columns (dates and other non-numeric types as text,
 * so a query compares them as the query language's strings), the artifact's rows minus `withheld`
 * (the trade's in-value fingerprint: docs/fingerprinting.md), optionally limited to the row range
 * [firstRow, endRow) — a download's block — and exposing `orderKey`, the trade's keyed order.
 * `orderKeyName` must not be a column name.
 */
export function copyRelation(
  path: string,
  columns: readonly ServedColumn[],
  options: {
    readonly withheld: SqlFragment | undefined;
    readonly orderKey?: { readonly name: string; readonly expression: SqlFragment };
    readonly rows?: { readonly first: number; readonly end: number };
  },
): SqlFragment {
  const projected = columns.map((column) =>
    column.type === 'string' && column.engineType !== 'VARCHAR'
      ? sql`CAST(${identifier(column.name)} AS VARCHAR) AS ${identifier(column.name)}`
      : identifier(column.name),
  );
  if (options.orderKey)
    projected.push(sql`${options.orderKey.expression} AS ${identifier(options.orderKey.name)}`);
  const conditions: SqlFragment[] = [];
  if (options.withheld)
    conditions.push(sql`${identifier(ROW_NUMBER_COLUMN)} NOT IN (${options.withheld})`);
  if (options.rows)
    conditions.push({
      sql: `${identifier(ROW_NUMBER_COLUMN).sql} >= ${Math.floor(options.rows.first)} AND ${identifier(ROW_NUMBER_COLUMN).sql} < ${Math.floor(options.rows.end)}`,
      params: [],
    });
  const where =
    conditions.length === 0 ? { sql: '', params: [] } : sql` WHERE ${joinSql(conditions, ' AND ')}`;
  return sql`SELECT ${joinSql(projected, ', ')} FROM read_parquet(${pathLiteral(path)}, file_row_number = true)${where}`;
}
