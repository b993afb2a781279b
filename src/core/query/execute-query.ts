// Runs a parsed query over an arquero table with verbs built from it, suppressing aggregate groups below k.
import { desc, op, type ColumnTable } from 'arquero';
import { matchingRowIndices } from './filter-rows.js';
import type { Aggregate, ParsedQuery } from './query-model.js';

export interface QueryResult {
  /** Output column names, in order. */
  readonly columns: readonly string[];
  /** One array per row, values in `columns` order (arrays, not objects: names may be anything). */
  readonly rows: readonly (readonly unknown[])[];
  /** Rows that satisfied `where` before grouping, limit and offset. */
  readonly matchedRows: number;
  /** Groups dropped because fewer than k records fell in them (0 for row queries). */
  readonly suppressedGroups: number;
}

export interface ExecuteOptions {
  /** Minimum records per reported aggregate group (seed Art. 29: no group small enough to single out). */
  readonly minimumGroupSize: number;
}

const COUNT_COLUMN = '__n';

type RollupSpec = Parameters<ColumnTable['rollup']>[0];

/**
 * Executes `query` (from parseQuery against this table's schema) over `table`.
 *
 * Safety: arquero compiles string expressions into functions, so nothing the buyer wrote may reach
 * an expression. Filtering runs functions built here over column arrays (filter-rows.ts). Before
 * any verb that builds an expression (rollup, orderby), the touched columns are renamed to
 * internal identifiers `c0, c1, …` and aggregates to `a0, a1, …`; user names come back only as
 * the result's column labels.
 */
export function executeQuery(
  table: ColumnTable,
  query: ParsedQuery,
  options: ExecuteOptions,
): QueryResult {
  const k = Math.max(1, Math.floor(options.minimumGroupSize));
  const matched = matchingRowIndices(table, query.where);
  const source = [
    ...new Set([
      ...query.select,
      ...query.groupBy,
      ...query.orderBy.map((term) => term.column),
      ...query.aggregates.flatMap((aggregate) =>
        aggregate.column === undefined ? [] : [aggregate.column],
      ),
    ]),
  ].filter((name) => table.columnNames().includes(name));
  // A table of no columns has no rows: a bare `count` still needs one column to count rows by.
  if (source.length === 0 && table.numCols() > 0) source.push(table.columnNames()[0]);
  const internal = new Map(source.map((name, index) => [name, `c${index}`]));
  let current = table.reify(matched).select(Object.fromEntries(internal));

  let suppressedGroups = 0;
  const outputs = new Map<string, string>(); // user-facing name → internal column
  if (query.aggregated) {
    const spec: Record<string, unknown> = { [COUNT_COLUMN]: op.count() };
    query.aggregates.forEach((aggregate, index) => {
      spec[`a${index}`] = aggregateOp(aggregate, internal);
      outputs.set(aggregate.as, `a${index}`);
    });
    for (const name of query.groupBy) outputs.set(name, internal.get(name) as string);
    const groupKeys = query.groupBy.map((name) => internal.get(name) as string);
    const grouped = groupKeys.length > 0 ? current.groupby(...groupKeys) : current;
    const rolled = grouped.rollup(spec as RollupSpec);
    const counts = rolled.array(COUNT_COLUMN) as ArrayLike<number>;
    const kept: number[] = [];
    for (let row = 0; row < counts.length; row++) {
      if (counts[row] >= k) kept.push(row);
      else suppressedGroups++;
    }
    current = rolled.reify(kept);
  } else {
    for (const name of query.select) outputs.set(name, internal.get(name) as string);
  }

  if (query.orderBy.length > 0) {
    const keys = query.orderBy.map((term) => {
      const column = (
        query.aggregated ? outputs.get(term.column) : internal.get(term.column)
      ) as string;
      return term.direction === 'desc' ? desc(column) : column;
    });
    current = current.orderby(...keys);
  }
  current = current.slice(query.offset, query.offset + query.limit).reify();

  const columnArrays = query.select.map(
    (name) => current.array(outputs.get(name) as string) as ArrayLike<unknown>,
  );
  const rowCount = current.numRows();
  const rows: unknown[][] = new Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const values = new Array(columnArrays.length);
    for (let column = 0; column < columnArrays.length; column++)
      values[column] = columnArrays[column][row] ?? null;
    rows[row] = values;
  }
  return Object.freeze({
    columns: [...query.select],
    rows,
    matchedRows: matched.length,
    suppressedGroups,
  });
}

function aggregateOp(aggregate: Aggregate, internal: ReadonlyMap<string, string>): unknown {
  const column =
    aggregate.column === undefined ? undefined : (internal.get(aggregate.column) as string);
  switch (aggregate.fn) {
    case 'count':
      return column === undefined ? op.count() : op.valid(column);
    case 'sum':
      return op.sum(column);
    case 'avg':
      return op.mean(column);
    case 'min':
      return op.min(column);
    case 'max':
      return op.max(column);
  }
}
