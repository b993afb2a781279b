// Typed errors of the JSON query language; each issue names the JSON path of the bad field.
import { AnonexError } from '../errors.js';

export type QueryErrorCode = 'query_invalid';

/** `issues[].field` is a JSONPath into the query document, e.g. `$.where[1].op`. */
export class QueryError extends AnonexError<QueryErrorCode> {
  readonly area = 'query';
}
