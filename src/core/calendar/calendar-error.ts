// Typed errors of the working-day calendar: a missing year is an error, never a guess.
import { AnonexError } from '../errors.js';

export type CalendarErrorCode =
  'calendar_year_missing' | 'calendar_data_invalid' | 'calendar_date_invalid';

export class CalendarError extends AnonexError<CalendarErrorCode> {
  readonly area = 'calendar';
}
