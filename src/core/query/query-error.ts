// Typed errors of the JSON query language; each issue names the JSON path of the bad field.
import { AnonexError } from '../errors.js';

export const QUERY_ERROR_CODES = ['query_invalid'] as const;

export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

/** `issues[].field` is a JSONPath into the query document, e.g. `$.where[1].op`. */
export class QueryError extends AnonexError<QueryErrorCode> {
  readonly area = 'query';
}
