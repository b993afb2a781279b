// Compiles a parsed buyer query to parameterized SQL (DuckDB dialect) with k suppression in HAVING.
import type { Aggregate, Condition, ParsedQuery } from './query-model.js';
import { identifier, joinSql, parameter, sql, unusedName, type SqlFragment } from './sql-text.js';
import { isSubtractable, subtractedGroups, type SubtractedSource } from './subtracted-groups.js';

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
  /**
   * `source` as the release less a few withheld rows: aggregates that subtract exactly
   * (isSubtractable) are answered as the release's groups less the withheld rows' groups, with
   * the same rows and totals as over `source`, without joining every row against the withheld set.
   */
  readonly subtraction?: SubtractedSource;
}

export interface CompiledQuery {
  /** The answer's rows; output column i is `query.select[i]`. */
  readonly rows: SqlFragment;
  /** One row `(matched, suppressed)`: rows satisfying `where`; groups dropped below k (0 for row queries). */
  readonly totals: SqlFragment;
  /**
   * Aggregated queries only: `rows` with `totals` appended to every row (two more columns), in one
   * scan of the source instead of two. No row comes back when no group reaches k or the page
   * starts past the last group: the caller then runs `totals` for the figures.
   */
  readonly answer?: SqlFragment;
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
  const taken = new Set(outputs.keys());
  const fresh = (base: string): string => {
    const name = unusedName(base, taken);
    taken.add(name);
    return name;
  };
  const size = fresh('anonex_group_rows');
  const totalNames = { matched: fresh('anonex_matched'), suppressed: fresh('anonex_suppressed') };
  const groupOrder = [
    ...query.orderBy.map((term) => orderTerm(identifier(term.column), term.direction)),
    // Group keys last: they are unique per group, so the order is total and the page deterministic.
    ...query.groupBy.map((name) => orderTerm(identifier(name), 'asc')),
  ];
  const kParameter = parameter(k);

  if (options.subtraction && isSubtractable(query, options.subtraction.exactSumColumns)) {
    const parts = query.aggregates.map((_, index) => ({
      part: fresh(`anonex_part_${index}`),
      present: fresh(`anonex_present_${index}`),
    }));
    const groups = subtractedGroups(
      query,
      options.subtraction,
      { where, groupBy },
      { size, part: (index) => parts[index].part, present: (index) => parts[index].present },
    );
    return {
      rows: sql`SELECT ${joinSql(query.select.map(identifier), ', ')} FROM (${groups}) AS groups WHERE ${identifier(size)} >= ${kParameter}${orderBy(groupOrder)}${page}`,
      totals: sql`SELECT coalesce(sum(${identifier(size)}), 0) AS matched, count(*) FILTER (WHERE ${identifier(size)} < ${kParameter}) AS suppressed FROM (${groups}) AS groups`,
      answer: answerSql(query, groups, { size, ...totalNames }, { order: groupOrder, page, k }),
    };
  }

  const selected = joinSql(
    query.select.map((name) => outputs.get(name) as SqlFragment),
    ', ',
  );
  const terms = [
    ...query.orderBy.map((term) =>
      orderTerm(outputs.get(term.column) as SqlFragment, term.direction),
    ),
    ...query.groupBy.map((name) => orderTerm(identifier(name), 'asc')),
  ];
  const groupSizes = sql`SELECT count(*) AS n${from}${where}${groupBy}`;
  const computed = joinSql(
    [...outputs].map(([name, expression]) => sql`${expression} AS ${identifier(name)}`),
    ', ',
  );
  const groups = sql`SELECT ${computed}, count(*) AS ${identifier(size)}${from}${where}${groupBy}`;
  return {
    rows: sql`SELECT ${selected}${from}${where}${groupBy} HAVING count(*) >= ${kParameter}${orderBy(terms)}${page}`,
    totals: sql`SELECT coalesce(sum(n), 0) AS matched, count(*) FILTER (WHERE n < ${kParameter}) AS suppressed FROM (${groupSizes}) AS groups`,
    answer: answerSql(query, groups, { size, ...totalNames }, { order: groupOrder, page, k }),
  };
}

/**
 * From the groups (every output and its size under `names.size`): the totals over them as window
 * sums, then the page of groups that reach k — the same rows and totals as `rows` and `totals`,
 * from one scan.
 */
function answerSql(
  query: ParsedQuery,
  groups: SqlFragment,
  names: { readonly size: string; readonly matched: string; readonly suppressed: string },
  parts: { readonly order: readonly SqlFragment[]; readonly page: SqlFragment; readonly k: number },
): SqlFragment {
  const size = identifier(names.size);
  const matched = identifier(names.matched);
  const suppressed = identifier(names.suppressed);
  const k = parameter(parts.k);
  const counted = sql`SELECT *, sum(${size}) OVER () AS ${matched}, sum(CASE WHEN ${size} < ${k} THEN 1 ELSE 0 END) OVER () AS ${suppressed} FROM (${groups}) AS groups`;
  const selected = joinSql([...query.select.map(identifier), matched, suppressed], ', ');
  return sql`SELECT ${selected} FROM (${counted}) AS counted WHERE ${size} >= ${parameter(parts.k)}${orderBy(parts.order)}${parts.page}`;
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
