// Working-day arithmetic over the Chinese public-holiday calendar (seed Art. 17, 23 deadlines).
import type { CalendarYearData } from './calendar-year-data.js';
import { createWorkingDayCalendar, type WorkingDayCalendar } from './holiday-calendar.js';
import { shippedCalendarYears } from './holidays/index.js';

export { shippedCalendarYears } from './holidays/index.js';

export { CalendarError, CALENDAR_ERROR_CODES, type CalendarErrorCode } from './calendar-error.js';
export {
  parseCalendarYear,
  CALENDAR_YEAR_LIMITS,
  type CalendarYearData,
} from './calendar-year-data.js';
export {
  createWorkingDayCalendar,
  type CalendarYearBasis,
  type DayKind,
  type WorkingDayCalendar,
} from './holiday-calendar.js';
export {
  statutoryCalendarYear,
  statutoryHolidays,
  STATUTORY_HOLIDAY_LAW,
  STATUTORY_YEAR_RANGE,
  type StatutoryHoliday,
} from './statutory-holidays.js';
export { workingDayDeadline, type WorkingDayDeadline } from './working-day-deadline.js';
export {
  missingHolidayNotices,
  NEXT_YEAR_NOTICE_FROM_MONTH,
  type MissingHolidayNotices,
} from './missing-notices.js';
export {
  shanghaiEpochDay,
  shanghaiStartOfDayMs,
  toEpochDay,
  toIsoDate,
  yearOf,
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
