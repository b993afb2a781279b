// The buyers' JSON query language: parse and validate against entitled columns, execute with k suppression.
export { QueryError, QUERY_ERROR_CODES, type QueryErrorCode } from './query-error.js';
export { parseQuery, DEFAULT_QUERY_LIMITS, type QueryLimits } from './parse-query.js';
export { executeQuery, type QueryResult, type ExecuteOptions } from './execute-query.js';
export { inferQuerySchema, coerceNumericColumns } from './infer-schema.js';
export { matchingRowIndices } from './filter-rows.js';
export type {
  ParsedQuery,
  QuerySchema,
  ColumnType,
  Condition,
  Aggregate,
  OrderTerm,
} from './query-model.js';
export { compileQuery, type CompileOptions, type CompiledQuery } from './compile-sql.js';
export { isSubtractable, type SubtractedSource } from './subtracted-groups.js';
export {
  quoteIdentifier,
  identifier,
  parameter,
  sql,
  joinSql,
  type SqlFragment,
  type SqlParameter,
  unusedName,
} from './sql-text.js';
