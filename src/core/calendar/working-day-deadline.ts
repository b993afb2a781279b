// "Within N working days of receipt" (seed Art. 17, 23) as an exact instant, counted as the Civil Code counts periods.
import { CalendarError } from './calendar-error.js';
import {
  shanghaiEpochDay,
  shanghaiStartOfDayMs,
  toIsoDate,
  yearOf,
  type EpochDay,
} from './civil-date.js';
import type { WorkingDayCalendar } from './holiday-calendar.js';

export interface WorkingDayDeadline {
  /** Exclusive bound: an answer at an instant strictly before this is in time (24:00 of the last day). */
  readonly deadlineMs: number;
  /** The Shanghai civil date of receipt. */
  readonly receivedOn: string;
  /** The working days counted, in order; the last one is the last day to answer. */
  readonly countedWorkingDays: readonly string[];
  /**
   * Years whose days were counted from the statutory holidays because their notice is not loaded,
   * ascending; empty when every counted day came from a notice. Non-empty means provisional: the
   * notice's 调休 may move the deadline.
   */
  readonly statutoryYears: readonly number[];
}

/**
 * The deadline for answering something received at `receivedAtMs`, `workingDays` working days later.
 *
 * Definition (documented in README.md next to this file):
 * - Dates are civil dates in Asia/Shanghai (UTC+08:00).
 * - The day of receipt is never counted (Civil Code Art. 201: a period counted in days starts on
 *   the next day). Counting starts on the first working day after the date of receipt, so receipt
 *   on a weekend or holiday starts counting at the next working day, and receipt at 09:00 on a
 *   Friday starts counting on Monday.
 * - Working days are Monday–Friday that are not public holidays, plus adjusted working days (调休).
 * - The deadline is the end (24:00, Civil Code Art. 203) of the Nth counted working day, i.e.
 *   00:00 Asia/Shanghai of the following calendar day.
 * - A day in a year without a loaded notice counts from the statutory holidays; the deadline then
 *   names that year in `statutoryYears` (provisional), and is never refused.
 *
 * Requires `workingDays` to be a positive integer.
 */
export function workingDayDeadline(
  calendar: WorkingDayCalendar,
  receivedAtMs: number,
  workingDays: number,
): WorkingDayDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new CalendarError(
      'calendar_date_invalid',
      `workingDays ${workingDays}: want an integer >= 1`,
      {
        details: { got: workingDays },
      },
    );
  }
  const receivedOn = shanghaiEpochDay(receivedAtMs);
  const counted: EpochDay[] = [];
  const statutoryYears = new Set<number>();
  let day = receivedOn;
  while (counted.length < workingDays) {
    day += 1;
    const year = yearOf(day);
    if (calendar.basisOf(year) === 'statutory_holidays') statutoryYears.add(year);
    if (calendar.isWorkingDay(day)) counted.push(day);
  }
  return Object.freeze({
    deadlineMs: shanghaiStartOfDayMs(day + 1),
    receivedOn: toIsoDate(receivedOn),
    countedWorkingDays: Object.freeze(counted.map(toIsoDate)),
    statutoryYears: Object.freeze([...statutoryYears].sort((a, b) => a - b)),
  });
}
