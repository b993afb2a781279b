// Typed errors raised by the HTTP edge itself (before any service is reached).
import { AnonexError } from '../core/errors.js';

export const HTTP_ERROR_CODES = ['route_not_found', 'malformed_json', 'internal_error'] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export class HttpError extends AnonexError<HttpErrorCode> {
  readonly area = 'http';
}
