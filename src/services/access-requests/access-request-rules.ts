// Validation of access-request bodies: what a request must state (Art. 18) and what a refusal must give (Art. 17).
import type { FieldIssue } from '../../core/errors.js';
import { validationFailed } from '../errors.js';

/** Why a provider may refuse; each refusal also carries a written reason and a legal basis. */
export const REFUSAL_REASON_CODES = [
  'purpose_not_permitted',
  'legal_basis_lacking',
  'security_risk',
  'columns_not_necessary',
  'requester_not_eligible',
  'data_unavailable',
  'other',
] as const;
export type RefusalReasonCode = (typeof REFUSAL_REASON_CODES)[number];

export interface AccessRequestInput {
  readonly listingId: string;
  readonly purpose: string;
  readonly intendedUse: string;
  readonly requestedDurationDays: number;
  readonly columns: readonly string[];
}

export interface RefusalInput {
  readonly reasonCode?: string;
  readonly reason?: string;
  readonly legalBasis?: string;
}

export interface ApprovalInput {
  /** Narrower than requested, or the requested columns when absent. */
  readonly columns?: readonly string[];
  /** Shorter than requested, or the requested duration when absent. */
  readonly durationDays?: number;
}

/** An intended use says what the data is for in at least this many characters (Art. 18). */
export const INTENDED_USE_MIN_CHARACTERS = 10;

const isText = (value: unknown, min = 1): value is string =>
  typeof value === 'string' && value.trim().length >= min;

/** Throws `validation_failed` naming every missing or empty refusal field; returns them trimmed. */
export function verifyRefusal(input: RefusalInput): {
  reasonCode: RefusalReasonCode;
  reason: string;
  legalBasis: string;
} {
  const issues: FieldIssue[] = [];
  if (!isText(input.reasonCode))
    issues.push({ field: 'reasonCode', reason: 'missing', code: 'required' });
  else if (!(REFUSAL_REASON_CODES as readonly string[]).includes(input.reasonCode)) {
    issues.push({
      field: 'reasonCode',
      reason: `want one of ${REFUSAL_REASON_CODES.join(', ')}`,
      code: 'not_allowed',
    });
  }
  if (!isText(input.reason))
    issues.push({
      field: 'reason',
      reason: 'missing: a refusal must give written reasons (seed Art. 17)',
      code: 'required',
    });
  if (!isText(input.legalBasis))
    issues.push({
      field: 'legalBasis',
      reason: 'missing: a refusal must cite a legal basis',
      code: 'required',
    });
  if (issues.length > 0)
    throw validationFailed(
      'a refusal needs a reason code, a written reason and a legal basis',
      issues,
    );
  return {
    reasonCode: input.reasonCode as RefusalReasonCode,
    reason: (input.reason as string).trim(),
    legalBasis: (input.legalBasis as string).trim(),
  };
}

/** Checks a request against the listing: purpose permitted, columns known and distinct, duration bounded. */
export function verifyAccessRequestInput(
  input: AccessRequestInput,
  listing: {
    permittedPurposes: readonly string[];
    columns: readonly string[];
    accessDurationDays: number;
  },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isText(input.purpose))
    issues.push({ field: 'purpose', reason: 'missing', code: 'required' });
  else if (
    listing.permittedPurposes.length > 0 &&
    !listing.permittedPurposes.includes(input.purpose)
  ) {
    issues.push({
      field: 'purpose',
      reason: `not a permitted purpose of this listing; want one of ${listing.permittedPurposes.join(', ')}`,
      code: 'not_allowed',
    });
  }
  if (!isText(input.intendedUse, INTENDED_USE_MIN_CHARACTERS))
    issues.push({
      field: 'intendedUse',
      reason: `describe the intended use (at least ${INTENDED_USE_MIN_CHARACTERS} characters)`,
      code: 'too_short',
      params: { min: INTENDED_USE_MIN_CHARACTERS },
    });
  if (!Number.isInteger(input.requestedDurationDays) || input.requestedDurationDays < 1) {
    issues.push({
      field: 'requestedDurationDays',
      reason: 'want a whole number of days >= 1',
      code: 'too_small',
      params: { min: 1 },
    });
  } else if (
    listing.accessDurationDays > 0 &&
    input.requestedDurationDays > listing.accessDurationDays
  ) {
    issues.push({
      field: 'requestedDurationDays',
      reason: `the listing grants at most ${listing.accessDurationDays} days`,
      code: 'too_large',
      params: { max: listing.accessDurationDays },
    });
  }
  if (!Array.isArray(input.columns) || input.columns.length === 0) {
    issues.push({
      field: 'columns',
      reason: 'name the columns needed (Art. 7: only what is necessary)',
      code: 'too_few',
      params: { min: 1 },
    });
  } else {
    const known = new Set(listing.columns);
    input.columns.forEach((column, index) => {
      if (!known.has(column))
        issues.push({
          field: `columns[${index}]`,
          reason: `unknown column ${JSON.stringify(column)}`,
          code: 'unknown_column',
          params: { column },
        });
    });
    if (new Set(input.columns).size !== input.columns.length)
      issues.push({ field: 'columns', reason: 'a column is named twice', code: 'duplicate' });
  }
  return issues;
}

/** An approval may narrow the request, never widen it. */
export function verifyApproval(
  input: ApprovalInput,
  requested: { columns: readonly string[]; durationDays: number },
): { columns: string[]; durationDays: number } {
  const issues: FieldIssue[] = [];
  const columns = input.columns === undefined ? [...requested.columns] : [...input.columns];
  if (columns.length === 0)
    issues.push({
      field: 'columns',
      reason: 'approve at least one column',
      code: 'too_few',
      params: { min: 1 },
    });
  columns.forEach((column, index) => {
    if (!requested.columns.includes(column))
      issues.push({
        field: `columns[${index}]`,
        reason: 'not among the requested columns',
        code: 'not_allowed',
      });
  });
  const durationDays = input.durationDays ?? requested.durationDays;
  if (
    !Number.isInteger(durationDays) ||
    durationDays < 1 ||
    durationDays > requested.durationDays
  ) {
    issues.push({
      field: 'durationDays',
      reason: `want 1 to ${requested.durationDays} days`,
      code: 'too_large',
      params: { max: requested.durationDays },
    });
  }
  if (issues.length > 0)
    throw validationFailed('an approval may narrow the request, never widen it', issues);
  return { columns, durationDays };
}
