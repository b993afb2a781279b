// An artifact as the query engine serves it: its local Parquet file, schema, and the buyer's copy as SQL.
import type { ColumnType, QuerySchema, SqlFragment } from '../../core/query/index.js';
import { identifier, joinSql, parameter, sql } from '../../core/query/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';
import { changedByOrderText } from './keyed-row-order.js';

export interface ServedColumn {
  readonly name: string;
  /** DuckDB's type name, e.g. `DECIMAL(18,2)`, `BIGINT`, `VARCHAR`, `DATE`. */
  readonly engineType: string;
  readonly type: ColumnType;
  /**
   * True when no value of the column needs the CSV writer's care (it cannot start like a formula
   * nor hold a quote, comma, CR or LF): a download writes it as is (copy-stream.ts).
   */
  readonly csvPlain: boolean;
  /**
   * True when the row-order key reads every value as its plain text (keyed-row-order.ts: no empty
   * text, no `'` before a formula's first character), so it skips orderText.
   */
  readonly orderPlain: boolean;
}

/** A file path we chose (under DATA_DIR/serving) as an SQL string literal: COPY and DESCRIBE take no parameters. */
export function pathLiteral(path: string): SqlFragment {
  return { sql: `'${path.replaceAll("'", "''")}'`, params: [] };
}

const NUMBER_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * The columns of the serving copy at `path` (serving-copy.ts) with their query types, and the name
 * of its first column, the row ordinal. One scan of the text columns tells which need CSV care.
 */
export async function describeServingCopy(
  engine: AnalyticsEngine,
  path: string,
): Promise<{ ordinal: string; columns: ServedColumn[]; rowCount: number }> {
  const rows = await engine.all(sql`DESCRIBE SELECT * FROM read_parquet(${pathLiteral(path)})`);
  const described = rows.slice(1).map((row) => {
    const engineType = String(row[1]);
    const type: ColumnType = NUMBER_TYPE.test(engineType)
      ? 'number'
      : engineType === 'BOOLEAN'
        ? 'boolean'
        : 'string';
    return { name: String(row[0]), engineType, type };
  });
  const text = described.filter((column) => column.engineType === 'VARCHAR');
  const [[rowCount, ...flags]] = await engine.all(
    sql`SELECT ${joinSql(
      [
        sql`count(*)`,
        ...text.map((column) => sql`bool_or(${needsCsvCare(identifier(column.name))})`),
        ...text.map((column) => sql`bool_or(${changedByOrderText(identifier(column.name))})`),
      ],
      ', ',
    )} FROM read_parquet(${pathLiteral(path)})`,
  );
  const careful = flags.slice(0, text.length);
  const orderChanged = flags.slice(text.length);
  const columns = described.map((column) => {
    const index = text.indexOf(column);
    // Numbers, booleans, dates and times print with no comma, quote or formula's first character
    // (a negative number is a number, which the guard leaves alone); other types take the careful path.
    const csvPlain =
      index >= 0
        ? careful[index] !== true
        : column.type !== 'string' || PLAIN_TEXT_TYPE.test(column.engineType);
    // Dates and times print as digits and dashes, never empty; numbers are keyed as numbers.
    const orderPlain =
      index >= 0
        ? orderChanged[index] !== true
        : column.type !== 'string' || PLAIN_TEXT_TYPE.test(column.engineType);
    return { ...column, csvPlain, orderPlain };
  });
  return { ordinal: String(rows[0][0]), columns, rowCount: Number(rowCount) };
}

const PLAIN_TEXT_TYPE = /^(DATE|TIME|TIMESTAMP)/;

/** Integer types up to 64 bits and decimals: DuckDB sums them exactly (in 128 bits), unlike floats. */
const EXACT_SUM_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL)/;

/** The columns whose sums subtract exactly: a marked copy's sum may be the release's less the withheld rows'. */
export function exactSumColumns(columns: readonly ServedColumn[]): Set<string> {
  return new Set(
    columns.filter((column) => EXACT_SUM_TYPE.test(column.engineType)).map((column) => column.name),
  );
}

/**
 * True for text that core/table's CSV writer would change: a first character a spreadsheet reads
 * as a formula (`=` `+` `-` `@` tab CR), or a quote, comma, CR or LF that needs quoting.
 */
export function needsCsvCare(text: SqlFragment): SqlFragment {
  return sql`(list_contains(['=', '+', '-', '@', chr(9), chr(13)], left(${text}, 1)) OR contains(${text}, '"') OR contains(${text}, ',') OR contains(${text}, chr(10)) OR contains(${text}, chr(13)))`;
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

/**
 * The buyer's copy as a relation: the ordinal and the entitled columns (dates and other non-numeric types as text,
 * so a query compares them as the query language's strings), the artifact's rows minus `withheld`
 * (the trade's in-value fingerprint: docs/fingerprinting.md), optionally limited to the row range
 * [first, end) — a download's block — and exposing `orderKey` (a name no column has), the
 * trade's keyed order. `withheld` is a relation of ordinals.
 */
export function copyRelation(
  artifact: { readonly path: string; readonly ordinal: string },
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
  projected.push(identifier(artifact.ordinal));
  if (options.orderKey)
    projected.push(sql`${options.orderKey.expression} AS ${identifier(options.orderKey.name)}`);
  const ordinal = identifier(artifact.ordinal);
  const conditions: SqlFragment[] = [];
  if (options.rows)
    conditions.push(
      sql`${ordinal} >= ${parameter(options.rows.first)} AND ${ordinal} < ${parameter(options.rows.end)}`,
    );
  const where =
    conditions.length === 0 ? { sql: '', params: [] } : sql` WHERE ${joinSql(conditions, ' AND ')}`;
  // A hash anti-join: NOT IN or a correlated NOT EXISTS cost 5–25× more on 1M rows (measured).
  const withheld = options.withheld
    ? sql` ANTI JOIN (${options.withheld}) AS withheld(ordinal) ON artifact.${ordinal} = withheld.ordinal`
    : { sql: '', params: [] };
  return sql`SELECT ${joinSql(projected, ', ')} FROM read_parquet(${pathLiteral(artifact.path)}) AS artifact${withheld}${where}`;
}

/**
 * The ordinals a trade's copy withholds (core/fingerprint withheldRowsOf: a few hundred to a few
 * thousand integers) as a relation for copyRelation's anti-join, bound as one text parameter.
 */
export function withheldRelation(rows: ArrayLike<number>): SqlFragment | undefined {
  if (rows.length === 0) return undefined;
  return sql`SELECT CAST(unnest(string_split(${parameter(Array.from(rows).join(','))}, ',')) AS BIGINT)`;
}
