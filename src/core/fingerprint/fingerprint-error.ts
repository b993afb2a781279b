// Typed errors of in-value fingerprinting: planning a release's slots, marking a copy, attributing a leak.
import { AnonexError } from '../errors.js';

export const FINGERPRINT_ERROR_CODES = [
  /** A column named by the release (quasi-identifier, sensitive) is not in its table. */
  'fingerprint_unknown_column',
  /** A key is shorter than 16 bytes, or another parameter is out of range. */
  'fingerprint_invalid_parameter',
  /** The plan was made for another release (row count or digest differ). */
  'fingerprint_plan_mismatch',
  /** A marked copy would fail a privacy check the release passes (a defect: the budget forbids it). */
  'fingerprint_privacy_regression',
  /** No column of the leaked copy could be matched to a column of the release. */
  'fingerprint_no_matching_columns',
] as const;
export type FingerprintErrorCode = (typeof FINGERPRINT_ERROR_CODES)[number];

export class FingerprintError extends AnonexError<FingerprintErrorCode> {
  readonly area = 'fingerprint';
}
