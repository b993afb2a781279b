// Typed errors of the anonymization report model and rendering.
import { AnonexError } from '../errors.js';

export type ReportErrorCode =
  'report_invalid_digest' | 'report_invalid_time' | 'report_unknown_version';

export class ReportError extends AnonexError<ReportErrorCode> {
  readonly area = 'report';
}
