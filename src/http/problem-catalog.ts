// The one table from error code to HTTP status and title (RFC 9457 problem types).
// Each code's problem `type` is `urn:anonex:problem:<code>`: stable, and documented in
// docs/problems.md. Add a row when you add a code to error-codes.ts; keep rows grouped by area.
import type { ErrorCode } from './error-codes.js';

export interface ProblemKind {
  readonly status: number;
  readonly title: string;
}

export const PROBLEM_TYPE_PREFIX = 'urn:anonex:problem:';

export const problemCatalog = {
  // services (src/services/errors.ts)
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this principal' },
  not_found: { status: 404, title: 'Not found' },
  invalid_transition: { status: 409, title: 'Not allowed in the current state' },
  validation_failed: { status: 400, title: 'Validation failed' },
  conflict: { status: 409, title: 'Conflicts with an existing resource' },
  idempotency_conflict: { status: 409, title: 'Idempotency key reused with a different request' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  // http edge (src/http/http-error.ts)
  route_not_found: { status: 404, title: 'No such route' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  internal_error: { status: 500, title: 'Internal error' },
  // store (src/store/errors.ts)
  blob_not_found: { status: 404, title: 'Blob not found' },
  blob_integrity_failed: { status: 500, title: 'Stored content failed its integrity check' },
  blob_too_large: { status: 413, title: 'Content exceeds the size limit' },
  master_key_invalid: { status: 500, title: 'Master key misconfigured' },
} as const satisfies Record<ErrorCode, ProblemKind>;

export function problemTypeOf(code: ErrorCode): string {
  return `${PROBLEM_TYPE_PREFIX}${code}`;
}
