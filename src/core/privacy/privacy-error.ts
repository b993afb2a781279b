// Typed errors of the privacy models, risk and utility measures.
import { AnonexError } from '../errors.js';

export const PRIVACY_ERROR_CODES = [
  'privacy_length_mismatch',
  'privacy_unknown_column',
  'privacy_invalid_parameter',
  'privacy_hierarchy_mismatch',
] as const;
export type PrivacyErrorCode = (typeof PRIVACY_ERROR_CODES)[number];

export class PrivacyError extends AnonexError<PrivacyErrorCode> {
  readonly area = 'privacy';
}
