// Aggregate groups of "the release less a few of its rows" as the release's groups minus the few rows' groups.
import type { Aggregate, ParsedQuery } from './query-model.js';
import { identifier, joinSql, sql, type SqlFragment } from './sql-text.js';

/**
 * The release and the rows a copy withholds from it (a trade's in-value fingerprint: about 1 %
 * of the rows), as two relations with the same columns. Requires every row of `withheld` to be
 * a row of `release`: the copy is `release` less `withheld`.
 */
export interface SubtractedSource {
  readonly release: SqlFragment;
  readonly withheld: SqlFragment;
  /**
   * Number columns whose `sum` subtracts exactly (integers, decimals): a floating-point sum
   * depends on the order of its terms, so release minus withheld could differ in its last bits.
   */
  readonly exactSumColumns: ReadonlySet<string>;
}

/**
 * True when every aggregate of `query` is answered exactly by subtraction: `count`, `count(column)`
 * and `sum` over an exact column. `avg` (DuckDB divides in extended precision), `min` and `max`
 * (a withheld row may hold the extreme) are not.
 */
export function isSubtractable(query: ParsedQuery, exactSumColumns: ReadonlySet<string>): boolean {
  return (
    query.aggregated &&
    query.aggregates.every(
      (aggregate) =>
        aggregate.fn === 'count' ||
        (aggregate.fn === 'sum' &&
          aggregate.column !== undefined &&
          exactSumColumns.has(aggregate.column)),
    )
  );
}

/** Names of the computed columns, chosen by the caller so that none is a query output's name. */
export interface SubtractionNames {
  /** The group's row count in the copy. */
  readonly size: string;
  /** One per aggregate (by index): its release/withheld part, and for a sum its non-null count. */
  readonly part: (index: number) => string;
  readonly present: (index: number) => string;
}

/**
 * The copy's groups, one row each with every output of `query` (group keys, then aggregates, under
 * their output names) and the group's size under `names.size` — the rows the same GROUP BY over
 * the copy gives. Groups are those of the release; a group whose every row is withheld is dropped
 * (with no groupBy the one group always stays, as an aggregate over no rows does). A sum over no
 * remaining value is null, as SQL's is. Requires isSubtractable(query). `where` applies to both.
 *
 *   release:  GROUP BY keys → n, sum, count(x)      ┐ LEFT JOIN on keys (null equals null)
 *   withheld: GROUP BY keys → n, sum, count(x)      ┘ → n − n', sum − sum' (null when none left)
 */
export function subtractedGroups(
  query: ParsedQuery,
  source: SubtractedSource,
  parts: { readonly where: SqlFragment; readonly groupBy: SqlFragment },
  names: SubtractionNames,
): SqlFragment {
  const size = identifier(names.size);
  const partColumns = query.aggregates.flatMap((aggregate, index) =>
    partsOf(aggregate).map(({ expression, present }) =>
      present
        ? sql`${expression} AS ${identifier(names.present(index))}`
        : sql`${expression} AS ${identifier(names.part(index))}`,
    ),
  );
  const summarized = (relation: SqlFragment): SqlFragment =>
    sql`SELECT ${joinSql(
      [...query.groupBy.map(identifier), sql`count(*) AS ${size}`, ...partColumns],
      ', ',
    )} FROM (${relation}) AS artifact${parts.where}${parts.groupBy}`;
  // A part's release value less its withheld one; a group that lost no row has no withheld side.
  const less = (name: string): SqlFragment =>
    sql`released.${identifier(name)} - coalesce(withheld.${identifier(name)}, 0)`;
  const outputs = new Map<string, SqlFragment>(
    query.groupBy.map((name) => [name, sql`released.${identifier(name)}`]),
  );
  query.aggregates.forEach((aggregate, index) => {
    if (aggregate.fn === 'sum')
      outputs.set(
        aggregate.as,
        sql`CASE WHEN ${less(names.present(index))} = 0 THEN NULL ELSE ${less(names.part(index))} END`,
      );
    else if (aggregate.column === undefined) outputs.set(aggregate.as, less(names.size));
    else outputs.set(aggregate.as, less(names.part(index)));
  });
  const selected = joinSql(
    [
      ...[...outputs].map(([name, expression]) => sql`${expression} AS ${identifier(name)}`),
      sql`${less(names.size)} AS ${size}`,
    ],
    ', ',
  );
  const on =
    query.groupBy.length === 0
      ? sql`true`
      : joinSql(
          query.groupBy.map(
            (name) =>
              sql`released.${identifier(name)} IS NOT DISTINCT FROM withheld.${identifier(name)}`,
          ),
          ' AND ',
        );
  const emptied =
    query.groupBy.length === 0 ? { sql: '', params: [] } : sql` WHERE ${less(names.size)} > 0`;
  return sql`SELECT ${selected} FROM (${summarized(source.release)}) AS released LEFT JOIN (${summarized(source.withheld)}) AS withheld ON ${on}${emptied}`;
}

/** What each side sums for one aggregate: its value, and for `sum` how many values were not null. */
function partsOf(aggregate: Aggregate): { expression: SqlFragment; present: boolean }[] {
  if (aggregate.column === undefined) return []; // count(*) is the group's size
  const column = identifier(aggregate.column);
  if (aggregate.fn === 'count') return [{ expression: sql`count(${column})`, present: false }];
  return [
    { expression: sql`sum(${column})`, present: false },
    { expression: sql`count(${column})`, present: true },
  ];
}
