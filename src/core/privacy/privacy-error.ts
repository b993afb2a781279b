// Typed errors of the privacy models, risk and utility measures.
import { AnonexError } from '../errors.js';

export type PrivacyErrorCode =
  | 'privacy_length_mismatch'
  | 'privacy_unknown_column'
  | 'privacy_invalid_parameter'
  | 'privacy_hierarchy_mismatch';

export class PrivacyError extends AnonexError<PrivacyErrorCode> {
  readonly area = 'privacy';
}
