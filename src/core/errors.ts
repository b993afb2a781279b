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
  // A policy's problems (the console's policy editor says them in the page's language).
  /** YAML the parser cannot read. */
  'policy_yaml_syntax',
  /** A YAML alias (`*name`), refused in a policy. */
  'policy_yaml_alias',
  /** A transform entry that is neither a name nor a one-key map. */
  'policy_transform_shape',
  /** A transform name the policy language does not have (`params.name`). */
  'policy_unknown_transform',
  /** Numbers that must increase and do not. */
  'policy_not_increasing',
  /** `top_bottom` with neither bound, or the bottom not below the top. */
  'policy_bounds',
  /** An identifier kind the detectors do not know. */
  'policy_unknown_identifier_kind',
  /** A date not written YYYY-MM-DD. */
  'policy_date_format',
  /** A hierarchy without a level. */
  'policy_hierarchy_needs_level',
  /** A level without a hierarchy. */
  'policy_level_needs_hierarchy',
  /** l-diversity or t-closeness on a column that is not sensitive (`params.column`). */
  'policy_needs_sensitive',
  /** Recursive (c,l)-diversity without c. */
  'policy_recursive_needs_c',
  /** Automatic generalization without privacy.k. */
  'policy_automatic_needs_k',
  /** A step after drop. */
  'policy_after_drop',
  /** derive not the last step. */
  'policy_derive_last',
  /** derive age_band without reference_year. */
  'policy_age_band_year',
  /** level auto under manual generalization. */
  'policy_level_auto_manual',
  /** scrub on a column that is not role text. */
  'policy_scrub_needs_text',
  /** A text column a listing releases neither scrubbed nor dropped. */
  'policy_text_unscrubbed',
  /** An identifier a listing releases untransformed. */
  'policy_identifier_untransformed',
  /** A reversible step in a listing (`params.column`, `params.step`). */
  'policy_reversible_step',
  /** A dataset column a listing policy does not name (`params.column`). */
  'policy_unnamed_column',
  /** A hierarchy file that cannot be read or lies outside policies/. */
  'policy_hierarchy_unreadable',
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
