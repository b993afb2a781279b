// Turns any thrown value into one RFC 9457 problem+json document; the catalog decides the status.
import type { Response } from 'express';
import { isAnonexError, type FieldIssue } from '../core/errors.js';
import { isErrorCode, type ErrorCode } from './error-codes.js';
import { problemCatalog, problemTypeOf } from './problem-catalog.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The error code, also the last segment of `type`. */
  readonly code: ErrorCode;
  /** The request path the problem occurred on. */
  readonly instance?: string;
  readonly requestId?: string;
  /** Validation failures: `field` is `<part>.<path>`, part one of params, query, body. */
  readonly errors?: readonly FieldIssue[];
  /** Diagnosis from the typed error (identifiers, states, limits; never secrets or values). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ProblemOutcome {
  readonly problem: ProblemDocument;
  /** True when the error was not one of ours: the caller logs it (with stack) as a 500. */
  readonly unexpected: boolean;
}

export function problemOf(
  code: ErrorCode,
  detail: string,
  extras: Pick<ProblemDocument, 'errors' | 'details'> = {},
): ProblemDocument {
  const kind = problemCatalog[code];
  return {
    type: problemTypeOf(code),
    title: kind.title,
    status: kind.status,
    detail,
    code,
    ...(extras.errors && extras.errors.length > 0 ? { errors: extras.errors } : {}),
    ...(extras.details && Object.keys(extras.details).length > 0
      ? { details: extras.details }
      : {}),
  };
}

/** Maps a thrown value to a problem; anything not a cataloged typed error becomes a bare 500. */
export function toProblem(error: unknown): ProblemOutcome {
  if (isAnonexError(error) && isErrorCode(error.code)) {
    return {
      problem: problemOf(error.code, error.message, {
        errors: error.issues,
        details: error.details,
      }),
      unexpected: problemCatalog[error.code].status >= 500,
    };
  }
  return {
    problem: problemOf('internal_error', 'the gateway could not complete the request'),
    unexpected: true,
  };
}

export function sendProblem(res: Response, problem: ProblemDocument): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
