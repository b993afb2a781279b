// The working-day calendar of mainland China: weekends, public holidays and adjusted working days (调休).
import { CalendarError } from './calendar-error.js';
import { parseCalendarYear, type CalendarYearData } from './calendar-year-data.js';
import { toEpochDay, weekdayOf, yearOf, type EpochDay } from './civil-date.js';
import { statutoryCalendarYear } from './statutory-holidays.js';

export type DayKind = 'working_day' | 'weekend' | 'public_holiday' | 'adjusted_working_day';

/**
 * Where a year's days come from: the State Council's notice for that year, or — while it is not
 * loaded — the statutory holidays alone (statutory-holidays.ts), which lack the year's 调休.
 */
export type CalendarYearBasis = 'holiday_notice' | 'statutory_holidays';

export interface WorkingDayCalendar {
  /** Years with a loaded holiday notice, ascending. */
  readonly years: readonly number[];
  basisOf(year: number): CalendarYearBasis;
  /** Every day has a kind: a year without a notice is answered from the statutory holidays. */
  dayKind(epochDay: EpochDay): DayKind;
  isWorkingDay(epochDay: EpochDay): boolean;
}

/** The days off and the swapped working days of one year, as day numbers. */
interface YearDays {
  readonly holidays: ReadonlySet<EpochDay>;
  readonly adjustedWorkingDays: ReadonlySet<EpochDay>;
}

function toYearDays(data: CalendarYearData): YearDays {
  const holidays = new Set<EpochDay>();
  for (const holiday of data.holidays) {
    for (let day = toEpochDay(holiday.from); day <= toEpochDay(holiday.to); day++) {
      holidays.add(day);
    }
  }
  return {
    holidays,
    adjustedWorkingDays: new Set(data.adjustedWorkingDays.map((day) => toEpochDay(day.date))),
  };
}

/**
 * Builds a calendar from validated notice years (duplicates refused); any other year is built on
 * first use from `statutoryYear` (the law by default) and kept.
 */
export function createWorkingDayCalendar(
  noticeYears: readonly CalendarYearData[],
  statutoryYear: (year: number) => CalendarYearData = statutoryCalendarYear,
): WorkingDayCalendar {
  const notices = new Map<number, YearDays>();
  for (const raw of noticeYears) {
    const data = parseCalendarYear(raw);
    if (notices.has(data.year)) {
      throw new CalendarError('calendar_data_invalid', `calendar ${data.year}: year given twice`, {
        details: { year: data.year, reason: 'year given twice' },
      });
    }
    notices.set(data.year, toYearDays(data));
  }
  const statutory = new Map<number, YearDays>();
  const daysOf = (year: number): YearDays => {
    const notice = notices.get(year);
    if (notice) return notice;
    let computed = statutory.get(year);
    if (!computed) {
      computed = toYearDays(parseCalendarYear(statutoryYear(year)));
      statutory.set(year, computed);
    }
    return computed;
  };
  const dayKind = (epochDay: EpochDay): DayKind => {
    const days = daysOf(yearOf(epochDay));
    if (days.holidays.has(epochDay)) return 'public_holiday';
    if (days.adjustedWorkingDays.has(epochDay)) return 'adjusted_working_day';
    const weekday = weekdayOf(epochDay);
    return weekday === 0 || weekday === 6 ? 'weekend' : 'working_day';
  };
  return Object.freeze({
    years: Object.freeze([...notices.keys()].sort((a, b) => a - b)),
    basisOf: (year: number): CalendarYearBasis =>
      notices.has(year) ? 'holiday_notice' : 'statutory_holidays',
    dayKind,
    isWorkingDay: (epochDay: EpochDay) => {
      const kind = dayKind(epochDay);
      return kind === 'working_day' || kind === 'adjusted_working_day';
    },
  });
}
