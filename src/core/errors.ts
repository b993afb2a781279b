// The base of every typed error anonex throws; each area narrows `code` to its own literal union.

/**
 * Why a field was refused, as a code a caller can translate (the console says it in the page's
 * language); `reason` stays the English sentence for the API and the CLI.
 */
export const FIELD_ISSUE_CODES = [
  /** Nothing given. */
  'required',
  /** Text shorter than `params.min` characters. */
  'too_short',
  /** Text longer than `params.max` characters. */
  'too_long',
  /** Fewer than `params.min` items chosen. */
  'too_few',
  /** More than `params.max` items. */
  'too_many',
  /** A number below `params.min`. */
  'too_small',
  /** A number above `params.max`. */
  'too_large',
  /** Not a whole number. */
  'not_integer',
  /** Not one of the values offered (`params.allowed`, comma-separated). */
  'not_allowed',
  /** A checklist point left unticked where a decision needs it. */
  'must_be_checked',
  /** A column the data does not have (`params.column`). */
  'unknown_column',
  /** A value given twice. */
  'duplicate',
  /** A value of the wrong type for its column (`params.type`). */
  'wrong_type',
  /** A range needs a low and a high value, low first. */
  'range',
  /** Anything else: `reason` says what. */
  'invalid',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** One reason a field of some input was refused, reported back to the caller as is. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
  readonly code?: FieldIssueCode;
  /** Figures and names the code's message needs (limits, a column). */
  readonly params?: Readonly<Record<string, string | number>>;
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
