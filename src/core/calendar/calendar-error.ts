// Typed errors of the working-day calendar: invalid notice data or dates (a missing year is not an error).
import { AnonexError } from '../errors.js';

export const CALENDAR_ERROR_CODES = ['calendar_data_invalid', 'calendar_date_invalid'] as const;

export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

export class CalendarError extends AnonexError<CalendarErrorCode> {
  readonly area = 'calendar';
}
