// The base of every typed error anonex throws; each area narrows `code` to its own literal union.

/** One reason a field of some input was refused, reported back to the caller as is. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
}

/**
 * Base class for typed errors. Subclasses fix `area` and narrow `Code` to a literal union,
 * e.g. `class PolicyError extends AnonexError<PolicyErrorCode> { readonly area = 'policy' }`.
 * `details` carries what diagnosis needs (got and want, state and event, file and line);
 * it must never carry secrets or data values. Tests assert `code`, never the message.
 */
export abstract class AnonexError<Code extends string = string> extends Error {
  abstract readonly area: string;
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;
  readonly issues: readonly FieldIssue[];

  constructor(
    code: Code,
    message: string,
    options: {
      details?: Record<string, unknown>;
      issues?: readonly FieldIssue[];
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
    this.issues = Object.freeze([...(options.issues ?? [])]);
  }
}

/** Narrows an unknown thrown value to an anonex typed error. */
export function isAnonexError(value: unknown): value is AnonexError {
  return value instanceof AnonexError;
}
