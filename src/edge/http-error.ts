// Typed errors raised by the server's edge itself (before any service is reached); the console
// shares them with the HTTP API.
import { AnonexError } from '../core/errors.js';

export const HTTP_ERROR_CODES = [
  'route_not_found',
  'malformed_json',
  'malformed_request',
  'request_header_too_large',
  'request_timeout',
  'internal_error',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export class HttpError extends AnonexError<HttpErrorCode> {
  readonly area = 'http';
}
