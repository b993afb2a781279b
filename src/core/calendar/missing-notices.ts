// Which holiday notices an operator should load now: this year's, and next year's from 1 November.
import { shanghaiEpochDay, toIsoDate, yearOf } from './civil-date.js';
import type { WorkingDayCalendar } from './holiday-calendar.js';

/**
 * The State Council General Office publishes next year's notice in November (2024-11-12 for 2025,
 * 2025-11-04 for 2026), so from 1 November a missing next-year notice is worth a warning: requests
 * received from late December on would get provisional deadlines.
 */
export const NEXT_YEAR_NOTICE_FROM_MONTH = 11;

export interface MissingHolidayNotices {
  /** The Shanghai civil date of `nowMs`. */
  readonly today: string;
  /** Years whose notice is due and not loaded, ascending; empty when all is well. */
  readonly years: readonly number[];
}

/** The current year when its notice is not loaded, and next year from 1 November (Asia/Shanghai). */
export function missingHolidayNotices(
  calendar: WorkingDayCalendar,
  nowMs: number,
): MissingHolidayNotices {
  const today = shanghaiEpochDay(nowMs);
  const iso = toIsoDate(today);
  const year = yearOf(today);
  const month = Number(iso.slice(5, 7));
  const due = month >= NEXT_YEAR_NOTICE_FROM_MONTH ? [year, year + 1] : [year];
  return {
    today: iso,
    years: Object.freeze(
      due.filter((candidate) => calendar.basisOf(candidate) !== 'holiday_notice'),
    ),
  };
}
