// Parses and validates a buyer's JSON query against the entitled columns, naming the JSON path of every bad field.
import type { FieldIssue } from '../errors.js';
import { QueryError } from './query-error.js';
import {
  AGGREGATE_FUNCTIONS,
  COMPARISON_OPERATORS,
  FILTER_OPERATORS,
  OPERATOR_ALIASES,
  type Aggregate,
  type AggregateFunction,
  type ColumnType,
  type Condition,
  type FilterOperator,
  type OrderTerm,
  type ParsedQuery,
  type QuerySchema,
  type ScalarValue,
} from './query-model.js';

export interface QueryLimits {
  /** Largest `limit` accepted; also the default limit. */
  readonly maxRows: number;
  /** Largest list accepted by `in`. */
  readonly maxInValues: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxRows: 10_000,
  maxInValues: 1_000,
});

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const TOP_LEVEL_KEYS = new Set([
  'select',
  'where',
  'groupBy',
  'aggregates',
  'orderBy',
  'limit',
  'offset',
]);

type Json = unknown;
const isRecord = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
function typeOfValue(value: Json): ColumnType | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  return undefined;
}

/**
 * Validates `input` (parsed JSON) against `schema`. Throws one QueryError (`query_invalid`) whose
 * issues list every problem found, each with a JSONPath (`$.where[0].value`) and a reason.
 * Column names are only ever looked up in `schema`, never interpreted.
 */
export function parseQuery(
  input: Json,
  schema: QuerySchema,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): ParsedQuery {
  const issues: FieldIssue[] = [];
  const fail = (
    field: string,
    reason: string,
    coded: Pick<FieldIssue, 'code' | 'params'> = {},
  ): undefined => {
    issues.push({ field, reason, ...coded });
    return undefined;
  };
  if (!isRecord(input)) {
    fail('$', 'want a JSON object');
    throw toError(issues);
  }
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.has(key))
      fail(`$.${key}`, `unknown field; want one of ${[...TOP_LEVEL_KEYS].join(', ')}`);
  }
  const columnTypes = new Map(schema.columns.map((column) => [column.name, column.type]));
  const column = (value: Json, path: string): string | undefined => {
    if (typeof value !== 'string') return fail(path, 'want a column name (string)');
    if (!columnTypes.has(value))
      return fail(path, `unknown column ${JSON.stringify(value)}`, {
        code: 'unknown_column',
        params: { column: value },
      });
    return value;
  };
  const list = (value: Json, path: string): Json[] | undefined => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(path, 'want an array');
    return value;
  };

  const where = (list(input.where, '$.where') ?? []).map((item, index) =>
    parseCondition(item, `$.where[${index}]`),
  );
  function parseCondition(item: Json, path: string): Condition | undefined {
    if (!isRecord(item)) return fail(path, 'want an object {column, op, value}');
    const name = column(item.column, `${path}.column`);
    const rawOp = item.op;
    const op = (
      typeof rawOp === 'string' ? (OPERATOR_ALIASES[rawOp] ?? rawOp) : rawOp
    ) as FilterOperator;
    if (!FILTER_OPERATORS.includes(op)) {
      return fail(`${path}.op`, `unknown operator; want one of ${FILTER_OPERATORS.join(' ')}`);
    }
    if (name === undefined) return undefined;
    const type = columnTypes.get(name) as ColumnType;
    const scalar = (value: Json, valuePath: string): ScalarValue | undefined => {
      if (typeOfValue(value) !== type)
        return fail(valuePath, `want a ${type} (column ${name} is ${type})`, {
          code: 'wrong_type',
          params: { type, column: name },
        });
      return value as ScalarValue;
    };
    const ordered = (): boolean =>
      type === 'boolean'
        ? (fail(`${path}.op`, `operator ${op} does not apply to boolean column ${name}`), false)
        : true;
    if ((COMPARISON_OPERATORS as readonly string[]).includes(op)) {
      if (op !== '=' && op !== '!=' && !ordered()) return undefined;
      const value = scalar(item.value, `${path}.value`);
      return value === undefined
        ? undefined
        : {
            kind: 'comparison',
            column: name,
            op: op as Extract<Condition, { kind: 'comparison' }>['op'],
            value,
          };
    }
    if (op === 'in') {
      const values = item.value;
      if (!Array.isArray(values) || values.length === 0)
        return fail(`${path}.value`, 'want a non-empty array', { code: 'required' });
      if (values.length > limits.maxInValues)
        return fail(`${path}.value`, `want at most ${limits.maxInValues} values`, {
          code: 'too_many',
          params: { max: limits.maxInValues },
        });
      const parsed = values.map((value, index) => scalar(value, `${path}.value[${index}]`));
      return parsed.includes(undefined)
        ? undefined
        : { kind: 'in', column: name, values: parsed as ScalarValue[] };
    }
    if (op === 'between') {
      if (!ordered()) return undefined;
      const bounds = item.value;
      if (!Array.isArray(bounds) || bounds.length !== 2)
        return fail(`${path}.value`, 'want [low, high]', { code: 'range' });
      const low = scalar(bounds[0], `${path}.value[0]`);
      const high = scalar(bounds[1], `${path}.value[1]`);
      if (low === undefined || high === undefined) return undefined;
      if (low > high) return fail(`${path}.value`, 'want low <= high', { code: 'range' });
      return { kind: 'between', column: name, low, high };
    }
    // prefix
    if (type !== 'string')
      return fail(`${path}.op`, `prefix applies to string columns only; ${name} is ${type}`);
    if (typeof item.value !== 'string') return fail(`${path}.value`, 'want a string prefix');
    return { kind: 'prefix', column: name, prefix: item.value };
  }

  const groupBy = (list(input.groupBy, '$.groupBy') ?? []).map((item, index) =>
    column(item, `$.groupBy[${index}]`),
  );
  const aliases = new Set<string>(groupBy.filter((name): name is string => name !== undefined));
  const aggregates = (list(input.aggregates, '$.aggregates') ?? []).map((item, index) => {
    const path = `$.aggregates[${index}]`;
    if (!isRecord(item)) return fail(path, 'want an object {fn, column, as}');
    const fn = item.fn as AggregateFunction;
    if (!AGGREGATE_FUNCTIONS.includes(fn)) {
      return fail(`${path}.fn`, `unknown function; want one of ${AGGREGATE_FUNCTIONS.join(', ')}`);
    }
    let source: string | undefined;
    if (fn !== 'count' || item.column !== undefined) {
      source = column(item.column, `${path}.column`);
      if (source === undefined) return undefined;
      const type = columnTypes.get(source);
      if ((fn === 'sum' || fn === 'avg') && type !== 'number') {
        return fail(`${path}.column`, `${fn} needs a number column; ${source} is ${type}`);
      }
      if ((fn === 'min' || fn === 'max') && type === 'boolean') {
        return fail(`${path}.column`, `${fn} does not apply to boolean column ${source}`);
      }
    }
    const as = item.as === undefined ? (source === undefined ? fn : `${fn}_${source}`) : item.as;
    if (typeof as !== 'string' || !ALIAS.test(as)) {
      return fail(
        `${path}.as`,
        'want a name of letters, digits and _ (at most 64, not starting with a digit)',
      );
    }
    if (aliases.has(as)) return fail(`${path}.as`, `output name ${as} is used twice`);
    aliases.add(as);
    return { fn, column: source, as } satisfies Aggregate;
  });
  const aggregated = groupBy.length > 0 || aggregates.length > 0;

  let select: (string | undefined)[];
  if (input.select === undefined) {
    select = aggregated
      ? [...groupBy, ...aggregates.map((aggregate) => aggregate?.as)]
      : schema.columns.map((entry) => entry.name);
  } else {
    select = (list(input.select, '$.select') ?? []).map((item, index) => {
      const path = `$.select[${index}]`;
      if (!aggregated) return column(item, path);
      if (typeof item !== 'string' || !aliases.has(item)) {
        return fail(path, 'an aggregate query selects only group-by columns and aggregate names');
      }
      return item;
    });
    if (select.length === 0)
      fail('$.select', 'want at least one column', { code: 'too_few', params: { min: 1 } });
  }
  if (new Set(select).size !== select.length)
    fail('$.select', 'a column is selected twice', { code: 'duplicate' });

  const orderBy = (list(input.orderBy, '$.orderBy') ?? []).map(
    (item, index): OrderTerm | undefined => {
      const path = `$.orderBy[${index}]`;
      if (!isRecord(item)) return fail(path, 'want an object {column, direction}');
      const direction = item.direction ?? 'asc';
      if (direction !== 'asc' && direction !== 'desc')
        return fail(`${path}.direction`, 'want asc or desc');
      if (aggregated) {
        if (typeof item.column !== 'string' || !aliases.has(item.column)) {
          return fail(
            `${path}.column`,
            'an aggregate query orders by group-by columns and aggregate names',
          );
        }
        return { column: item.column, direction };
      }
      const name = column(item.column, `${path}.column`);
      return name === undefined ? undefined : { column: name, direction };
    },
  );

  const integer = (
    value: Json,
    path: string,
    min: number,
    max: number,
    fallback: number,
  ): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      fail(path, `want an integer from ${min} to ${max}`, {
        code:
          typeof value !== 'number' || !Number.isInteger(value)
            ? 'not_integer'
            : value > max
              ? 'too_large'
              : 'too_small',
        params: { min, max },
      });
      return fallback;
    }
    return value;
  };
  const limit = integer(input.limit, '$.limit', 1, limits.maxRows, limits.maxRows);
  const offset = integer(input.offset, '$.offset', 0, Number.MAX_SAFE_INTEGER, 0);

  if (issues.length > 0) throw toError(issues);
  return Object.freeze({
    select: select as string[],
    where: where as Condition[],
    aggregated,
    groupBy: groupBy as string[],
    aggregates: aggregates as Aggregate[],
    orderBy: orderBy as OrderTerm[],
    limit,
    offset,
  });
}

function toError(issues: readonly FieldIssue[]): QueryError {
  return new QueryError(
    'query_invalid',
    `query refused: ${issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; ')}`,
    {
      issues,
    },
  );
}
