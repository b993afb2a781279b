// Working-day arithmetic over the Chinese public-holiday calendar (seed Art. 17, 23 deadlines).
import {
  createWorkingDayCalendar,
  type CalendarYearData,
  type WorkingDayCalendar,
} from './holiday-calendar.js';
import { shippedCalendarYears } from './holidays/index.js';

export { CalendarError, CALENDAR_ERROR_CODES, type CalendarErrorCode } from './calendar-error.js';
export {
  createWorkingDayCalendar,
  parseCalendarYear,
  type CalendarYearData,
  type DayKind,
  type WorkingDayCalendar,
} from './holiday-calendar.js';
export { workingDayDeadline, type WorkingDayDeadline } from './working-day-deadline.js';
export {
  shanghaiEpochDay,
  shanghaiStartOfDayMs,
  toEpochDay,
  toIsoDate,
  SHANGHAI_OFFSET_MS,
} from './civil-date.js';

/**
 * The calendar built from every year shipped in holidays/ plus `extraYears` (an operator's files
 * for years published after this release); an extra year replaces the shipped one of the same
 * year (an erratum). Every year is validated.
 */
export function chineseWorkingDayCalendar(
  extraYears: readonly CalendarYearData[] = [],
): WorkingDayCalendar {
  const replaced = new Set(extraYears.map((data) => data.year));
  return createWorkingDayCalendar([
    ...shippedCalendarYears.filter((data) => !replaced.has(data.year)),
    ...extraYears,
  ]);
}
