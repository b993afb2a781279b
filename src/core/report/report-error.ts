// Typed errors of the anonymization report model and rendering.
import { AnonexError } from '../errors.js';

export const REPORT_ERROR_CODES = [
  'report_invalid_digest',
  'report_invalid_time',
  'report_unknown_version',
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

export class ReportError extends AnonexError<ReportErrorCode> {
  readonly area = 'report';
}
