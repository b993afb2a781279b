// Typed errors of the service layer; the HTTP edge maps each code to one problem+json type.
import { AnonexError, type FieldIssue } from '../core/errors.js';

export const SERVICE_ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid_transition',
  'validation_failed',
  'conflict',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_failed',
] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

export class ServiceError extends AnonexError<ServiceErrorCode> {
  readonly area = 'service';
}

/** Another organization's object, or no object: callers cannot tell which (no existence leak). */
export function notFound(aggregate: string, id: string): ServiceError {
  return new ServiceError('not_found', `${aggregate} ${id} not found`, {
    details: { aggregate, id },
  });
}

export function forbidden(reason: string, details: Record<string, unknown> = {}): ServiceError {
  return new ServiceError('forbidden', reason, { details });
}

/** An event the aggregate's state machine does not allow in its current state (HTTP 409). */
export function invalidTransition(aggregate: string, state: string, event: string): ServiceError {
  return new ServiceError('invalid_transition', `${aggregate} in state ${state} cannot ${event}`, {
    details: { aggregate, state, event },
  });
}

export function validationFailed(message: string, issues: readonly FieldIssue[]): ServiceError {
  return new ServiceError('validation_failed', message, { issues });
}
