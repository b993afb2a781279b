// Compiles a parsed buyer query to parameterized SQL (DuckDB dialect) with k suppression in HAVING.
import type { Aggregate, Condition, ParsedQuery } from './query-model.js';
import { identifier, joinSql, parameter, sql, type SqlFragment } from './sql-text.js';

export interface CompileOptions {
  /** Minimum records per reported aggregate group (seed Art. 29); below it a group is dropped. */
  readonly minimumGroupSize: number;
  /**
   * The relation queried, e.g. `SELECT … FROM read_parquet(?)`: it exposes every schema column
   * under its own name. Built by the caller from the artifact's schema.
   */
  readonly source: SqlFragment;
  /**
   * An expression over `source` ordering rows when the query names no order, and breaking ties
   * after the named order (the trade's keyed order): answers are deterministic.
   */
  readonly rowOrder?: SqlFragment;
}

export interface CompiledQuery {
  /** The answer's rows; output column i is `query.select[i]`. */
  readonly rows: SqlFragment;
  /** One row `(matched, suppressed)`: rows satisfying `where`; groups dropped below k (0 for row queries). */
  readonly totals: SqlFragment;
}

const EMPTY: SqlFragment = { sql: '', params: [] };
const text = (fragment: string): SqlFragment => ({ sql: fragment, params: [] });

/**
 * The SQL of `query` (from parseQuery: every column name is one of the schema's). Names reach the
 * SQL only as quoted identifiers; values, k, limit and offset only as `?` parameters. Semantics
 * follow executeQuery (the oracle): null matches no condition, `count` counts rows and
 * `count(column)` non-null values, aggregates over no values are null, aggregate groups with fewer than
 * k rows are dropped (and counted) — a query without groupBy is one group.
 */
export function compileQuery(query: ParsedQuery, options: CompileOptions): CompiledQuery {
  const k = Math.max(1, Math.floor(options.minimumGroupSize));
  const from = sql` FROM (${options.source}) AS artifact`;
  const where =
    query.where.length === 0
      ? EMPTY
      : sql` WHERE ${joinSql(query.where.map(conditionSql), ' AND ')}`;
  const groupBy =
    query.groupBy.length === 0
      ? EMPTY
      : sql` GROUP BY ${joinSql(query.groupBy.map(identifier), ', ')}`;
  const page = sql` LIMIT ${parameter(query.limit)} OFFSET ${parameter(query.offset)}`;

  if (!query.aggregated) {
    const terms = query.orderBy.map((term) => orderTerm(identifier(term.column), term.direction));
    if (options.rowOrder) terms.push(options.rowOrder);
    const selected = joinSql(query.select.map(identifier), ', ');
    return {
      rows: sql`SELECT ${selected}${from}${where}${orderBy(terms)}${page}`,
      totals: sql`SELECT count(*) AS matched, 0 AS suppressed${from}${where}`,
    };
  }

  const outputs = new Map<string, SqlFragment>(
    query.groupBy.map((name) => [name, identifier(name)]),
  );
  for (const aggregate of query.aggregates) outputs.set(aggregate.as, aggregateSql(aggregate));
  const selected = joinSql(
    query.select.map((name) => outputs.get(name) as SqlFragment),
    ', ',
  );
  const terms = [
    ...query.orderBy.map((term) =>
      orderTerm(outputs.get(term.column) as SqlFragment, term.direction),
    ),
    // Group keys last: they are unique per group, so the order is total and the page deterministic.
    ...query.groupBy.map((name) => orderTerm(identifier(name), 'asc')),
  ];
  const groupSizes = sql`SELECT count(*) AS n${from}${where}${groupBy}`;
  return {
    rows: sql`SELECT ${selected}${from}${where}${groupBy} HAVING count(*) >= ${parameter(k)}${orderBy(terms)}${page}`,
    totals: sql`SELECT coalesce(sum(n), 0) AS matched, count(*) FILTER (WHERE n < ${parameter(k)}) AS suppressed FROM (${groupSizes}) AS groups`,
  };
}

function orderBy(terms: readonly SqlFragment[]): SqlFragment {
  return terms.length === 0 ? EMPTY : sql` ORDER BY ${joinSql(terms, ', ')}`;
}

/** Null sorts as the smallest value (first ascending, last descending), as executeQuery orders it. */
function orderTerm(expression: SqlFragment, direction: 'asc' | 'desc'): SqlFragment {
  return sql`${expression} ${text(direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST')}`;
}

function conditionSql(condition: Condition): SqlFragment {
  const column = identifier(condition.column);
  switch (condition.kind) {
    case 'comparison':
      // The operator comes from the parser's closed list (COMPARISON_OPERATORS), never from the request text.
      return sql`${column} ${text(condition.op === '!=' ? '<>' : condition.op)} ${parameter(condition.value)}`;
    case 'in':
      return sql`${column} IN (${joinSql(condition.values.map(parameter), ', ')})`;
    case 'between':
      return sql`${column} BETWEEN ${parameter(condition.low)} AND ${parameter(condition.high)}`;
    case 'prefix':
      return sql`starts_with(${column}, ${parameter(condition.prefix)})`;
  }
}

function aggregateSql(aggregate: Aggregate): SqlFragment {
  if (aggregate.column === undefined) return text('count(*)');
  const column = identifier(aggregate.column);
  switch (aggregate.fn) {
    case 'count':
      return sql`count(${column})`;
    case 'sum':
      return sql`sum(${column})`;
    case 'avg':
      return sql`avg(${column})`;
    case 'min':
      return sql`min(${column})`;
    case 'max':
      return sql`max(${column})`;
  }
}
