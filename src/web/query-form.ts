// The console's query builder: form fields → the JSON query the API takes (core/query parses and
// validates it; nothing here is evaluated), so buyers also see the request they could script.
import { formList, formText, type FormFields } from './console-route.js';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The `orderBy` choice that sorts by the aggregate's result (its alias depends on the function). */
export const ORDER_BY_AGGREGATE = '@aggregate';

/** Decimals shown for a fractional result (an average): the API keeps full precision. */
const RESULT_DECIMALS = 2;

/** One result cell for display: fractions rounded (`186.57`, not `186.57000000000025`). */
export function formatResultCell(cell: unknown): string {
  if (typeof cell === 'number' && !Number.isInteger(cell))
    return String(Number(cell.toFixed(RESULT_DECIMALS)));
  return cell === null || cell === undefined ? '' : String(cell);
}
const toScalar = (text: string): string | number => (NUMBER.test(text) ? Number(text) : text);

export function queryFromForm(form: FormFields): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const select = formList(form, 'select');
  const groupBy = formText(form, 'groupBy');
  const aggregate = formText(form, 'aggregate');
  let aggregateAlias: string | undefined;
  if (groupBy || aggregate) {
    if (groupBy) query.groupBy = [groupBy];
    const fn = aggregate || 'count';
    const column = formText(form, 'aggregateColumn');
    aggregateAlias = fn === 'count' ? 'n' : `${fn}_${column}`;
    query.aggregates = [fn === 'count' ? { fn, as: 'n' } : { fn, column, as: aggregateAlias }];
  } else if (select.length > 0) {
    query.select = select;
  }
  const filterColumn = formText(form, 'filterColumn');
  const op = formText(form, 'op');
  const value = formText(form, 'value');
  if (filterColumn && op) {
    const parts = value.split(/[,，]/).map((part) => part.trim());
    query.where = [
      op === 'in'
        ? { column: filterColumn, op, values: parts.map(toScalar) }
        : op === 'between'
          ? {
              column: filterColumn,
              op,
              low: toScalar(parts[0] ?? ''),
              high: toScalar(parts[1] ?? ''),
            }
          : op === 'prefix'
            ? { column: filterColumn, op, value }
            : { column: filterColumn, op, value: toScalar(value) },
    ];
  }
  // Sorting by the aggregate without one asks for nothing to sort by: the choice is dropped.
  const chosen = formText(form, 'orderBy');
  const orderBy = chosen === ORDER_BY_AGGREGATE ? aggregateAlias : chosen;
  if (orderBy)
    query.orderBy = [
      { column: orderBy, direction: formText(form, 'direction') === 'desc' ? 'desc' : 'asc' },
    ];
  const limit = formText(form, 'limit');
  if (limit) query.limit = Number(limit);
  return query;
}
