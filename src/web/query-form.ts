// The console's query builder: form fields → the JSON query the API takes (core/query parses and
// validates it; nothing here is evaluated), so buyers also see the request they could script.
import { formList, formText, type FormFields } from './console-route.js';

const NUMBER = /^-?\d+(\.\d+)?$/;
const toScalar = (text: string): string | number => (NUMBER.test(text) ? Number(text) : text);

export function queryFromForm(form: FormFields): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const select = formList(form, 'select');
  const groupBy = formText(form, 'groupBy');
  const aggregate = formText(form, 'aggregate');
  if (groupBy || aggregate) {
    if (groupBy) query.groupBy = [groupBy];
    const fn = aggregate || 'count';
    const column = formText(form, 'aggregateColumn');
    query.aggregates = [fn === 'count' ? { fn, as: 'n' } : { fn, column, as: `${fn}_${column}` }];
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
  const orderBy = formText(form, 'orderBy');
  if (orderBy)
    query.orderBy = [
      { column: orderBy, direction: formText(form, 'direction') === 'desc' ? 'desc' : 'asc' },
    ];
  const limit = formText(form, 'limit');
  if (limit) query.limit = Number(limit);
  return query;
}
