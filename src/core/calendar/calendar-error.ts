// Typed errors of the working-day calendar: a missing year is an error, never a guess.
import { AnonexError } from '../errors.js';

export const CALENDAR_ERROR_CODES = [
  'calendar_year_missing',
  'calendar_data_invalid',
  'calendar_date_invalid',
] as const;

export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

export class CalendarError extends AnonexError<CalendarErrorCode> {
  readonly area = 'calendar';
}
