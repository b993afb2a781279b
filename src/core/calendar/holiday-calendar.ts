// The working-day calendar of mainland China: weekends, public holidays and adjusted working days (调休).
import { CalendarError } from './calendar-error.js';
import { toEpochDay, weekdayOf, yearOf, type EpochDay } from './civil-date.js';

/** One year of the State Council General Office's holiday notice, as shipped in holidays/cn-YYYY.json. */
export interface CalendarYearData {
  readonly year: number;
  readonly timeZone: 'Asia/Shanghai';
  readonly source: {
    readonly title: string;
    readonly reference: string;
    readonly issuedOn: string;
    readonly url: string;
  };
  /** Inclusive date ranges of days off (放假), weekends inside a range included. */
  readonly holidays: readonly {
    readonly name: string;
    readonly nameEn: string;
    readonly from: string;
    readonly to: string;
  }[];
  /** Saturdays or Sundays declared working days (调休上班). */
  readonly adjustedWorkingDays: readonly { readonly date: string; readonly for: string }[];
}

export type DayKind = 'working_day' | 'weekend' | 'public_holiday' | 'adjusted_working_day';

export interface WorkingDayCalendar {
  /** Years this calendar knows, ascending. */
  readonly years: readonly number[];
  /** Throws `calendar_year_missing` for a year without a data file. */
  dayKind(epochDay: EpochDay): DayKind;
  isWorkingDay(epochDay: EpochDay): boolean;
}

function invalid(year: unknown, reason: string): CalendarError {
  return new CalendarError('calendar_data_invalid', `calendar ${String(year)}: ${reason}`, {
    details: { year, reason },
  });
}

/**
 * Validates one year's data defensively (it is read from a file someone edits by hand): every date
 * inside the year, ranges ordered, adjusted working days on weekends only and never on a holiday.
 */
export function parseCalendarYear(input: unknown): CalendarYearData {
  if (typeof input !== 'object' || input === null) throw invalid('?', 'not an object');
  const data = input as Partial<CalendarYearData>;
  const year = data.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) throw invalid(year, 'year missing');
  if (data.timeZone !== 'Asia/Shanghai') throw invalid(year, 'timeZone must be Asia/Shanghai');
  if (!data.source || typeof data.source.reference !== 'string')
    throw invalid(year, 'source missing');
  if (!Array.isArray(data.holidays) || !Array.isArray(data.adjustedWorkingDays)) {
    throw invalid(year, 'holidays and adjustedWorkingDays must be arrays');
  }
  const inYear = (iso: unknown): EpochDay => {
    if (typeof iso !== 'string') throw invalid(year, `date ${String(iso)} is not a string`);
    const day = toEpochDay(iso);
    if (yearOf(day) !== year) throw invalid(year, `date ${iso} lies outside the year`);
    return day;
  };
  const holidayDays = new Set<EpochDay>();
  for (const holiday of data.holidays) {
    const from = inYear(holiday.from);
    const to = inYear(holiday.to);
    if (to < from) throw invalid(year, `holiday ${holiday.name} ends before it starts`);
    for (let day = from; day <= to; day++) holidayDays.add(day);
  }
  for (const adjusted of data.adjustedWorkingDays) {
    const day = inYear(adjusted.date);
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) {
      throw invalid(year, `adjusted working day ${adjusted.date} is not a Saturday or Sunday`);
    }
    if (holidayDays.has(day))
      throw invalid(year, `${adjusted.date} is both holiday and working day`);
  }
  return data as CalendarYearData;
}

/** Builds a calendar from validated years; duplicate years are refused. */
export function createWorkingDayCalendar(
  yearsData: readonly CalendarYearData[],
): WorkingDayCalendar {
  const holidays = new Set<EpochDay>();
  const adjusted = new Set<EpochDay>();
  const years = new Set<number>();
  for (const raw of yearsData) {
    const data = parseCalendarYear(raw);
    if (years.has(data.year)) throw invalid(data.year, 'year given twice');
    years.add(data.year);
    for (const holiday of data.holidays) {
      for (let day = toEpochDay(holiday.from); day <= toEpochDay(holiday.to); day++) {
        holidays.add(day);
      }
    }
    for (const day of data.adjustedWorkingDays) adjusted.add(toEpochDay(day.date));
  }
  const dayKind = (epochDay: EpochDay): DayKind => {
    const year = yearOf(epochDay);
    if (!years.has(year)) {
      throw new CalendarError(
        'calendar_year_missing',
        `no holiday calendar for ${year}: want a data file cn-${year}.json`,
        { details: { year, known: [...years].sort() } },
      );
    }
    if (holidays.has(epochDay)) return 'public_holiday';
    if (adjusted.has(epochDay)) return 'adjusted_working_day';
    const weekday = weekdayOf(epochDay);
    return weekday === 0 || weekday === 6 ? 'weekend' : 'working_day';
  };
  return Object.freeze({
    years: Object.freeze([...years].sort((a, b) => a - b)),
    dayKind,
    isWorkingDay: (epochDay: EpochDay) => {
      const kind = dayKind(epochDay);
      return kind === 'working_day' || kind === 'adjusted_working_day';
    },
  });
}
