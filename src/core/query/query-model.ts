// The validated form of a buyer's JSON query: what parse-query.ts produces and execute-query.ts runs.

export type ColumnType = 'string' | 'number' | 'boolean';

/** The columns a query may touch (the entitled columns of the artifact) and their types. */
export interface QuerySchema {
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
}

export const COMPARISON_OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export const FILTER_OPERATORS = [...COMPARISON_OPERATORS, 'in', 'between', 'prefix'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Unicode spellings accepted in queries and normalized to the ASCII operator. */
export const OPERATOR_ALIASES: Readonly<Record<string, FilterOperator>> = Object.freeze({
  '≠': '!=',
  '≤': '<=',
  '≥': '>=',
  '==': '=',
});

export type ScalarValue = string | number | boolean;

export type Condition =
  | {
      readonly kind: 'comparison';
      readonly column: string;
      readonly op: (typeof COMPARISON_OPERATORS)[number];
      readonly value: ScalarValue;
    }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly ScalarValue[] }
  | {
      readonly kind: 'between';
      readonly column: string;
      readonly low: ScalarValue;
      readonly high: ScalarValue;
    }
  | { readonly kind: 'prefix'; readonly column: string; readonly prefix: string };

export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface Aggregate {
  readonly fn: AggregateFunction;
  /** Absent only for `count`. */
  readonly column: string | undefined;
  /** Output column name. */
  readonly as: string;
}

export interface OrderTerm {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export interface ParsedQuery {
  /** Output columns in order: for row queries source columns, for aggregates group-by columns then aliases. */
  readonly select: readonly string[];
  /** Conjunction (AND) of conditions. */
  readonly where: readonly Condition[];
  /** True when the query groups or aggregates; its groups are subject to k suppression. */
  readonly aggregated: boolean;
  readonly groupBy: readonly string[];
  readonly aggregates: readonly Aggregate[];
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number;
  readonly offset: number;
}
