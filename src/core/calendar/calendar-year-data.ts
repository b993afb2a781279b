// One year of the State Council's holiday notice as data, and its defensive validation.
import type { FieldIssue } from '../errors.js';
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
    readonly url?: string;
  };
  /** Inclusive date ranges of days off (放假), weekends inside a range included. */
  readonly holidays: readonly {
    readonly name: string;
    readonly nameEn: string;
    readonly from: string;
    readonly to: string;
  }[];
  /** Saturdays or Sundays declared working days (调休上班), each naming the holiday it serves. */
  readonly adjustedWorkingDays: readonly { readonly date: string; readonly for: string }[];
}

/**
 * Bounds no real notice comes near (2025 and 2026: 6–7 holidays of at most 9 days, 5–6 swapped
 * days, 26–27 days off in all), so a file with more is a mistake or an attack, not a calendar.
 */
export const CALENDAR_YEAR_LIMITS = Object.freeze({
  holidays: 20,
  daysInOneHoliday: 16,
  daysOff: 60,
  adjustedWorkingDays: 20,
  nameChars: 40,
  sourceChars: 300,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates one year's data defensively (it comes from a file someone edited by hand, or an
 * upload): every date a real `YYYY-MM-DD` inside the year, ranges ordered, every holiday and
 * swapped working day named, swapped working days on Saturdays or Sundays and never also a day
 * off, no date twice, sizes within CALENDAR_YEAR_LIMITS. Collects every problem, then throws one
 * `calendar_data_invalid` whose issues name each field (`holidays[2].to`); returns a copy holding
 * only the known fields.
 */
export function parseCalendarYear(input: unknown): CalendarYearData {
  const issues: FieldIssue[] = [];
  const refuse = (field: string, reason: string) => issues.push({ field, reason });
  if (!isRecord(input)) {
    throw new CalendarError('calendar_data_invalid', 'calendar: not a JSON object', {
      details: { reason: 'not an object' },
      issues: [{ field: '', reason: 'want a JSON object' }],
    });
  }
  const year = input.year;
  const validYear = typeof year === 'number' && Number.isInteger(year) && year >= 1 && year <= 9999;
  if (!validYear) refuse('year', 'want a whole year number, e.g. 2027');
  if (input.timeZone !== 'Asia/Shanghai') refuse('timeZone', 'want Asia/Shanghai');

  const text = (value: unknown, field: string, maxChars: number, required = true): string => {
    if (value === undefined && !required) return '';
    if (typeof value !== 'string' || value.trim().length === 0) {
      refuse(field, 'missing');
      return '';
    }
    if (value.length > maxChars) refuse(field, `longer than ${maxChars} characters`);
    return value;
  };
  const source = isRecord(input.source) ? input.source : {};
  if (!isRecord(input.source)) refuse('source', 'want { title, reference, issuedOn, url }');
  const title = text(source.title, 'source.title', CALENDAR_YEAR_LIMITS.sourceChars);
  const reference = text(source.reference, 'source.reference', CALENDAR_YEAR_LIMITS.sourceChars);
  const issuedOn = text(source.issuedOn, 'source.issuedOn', 10);
  if (issuedOn !== '' && !isDate(issuedOn)) refuse('source.issuedOn', 'want YYYY-MM-DD');
  const url = text(source.url, 'source.url', CALENDAR_YEAR_LIMITS.sourceChars, false);

  /** The day of an ISO date inside the year, or undefined after recording why not. */
  const inYear = (value: unknown, field: string): EpochDay | undefined => {
    if (typeof value !== 'string' || !isDate(value)) {
      refuse(field, 'want an existing date YYYY-MM-DD');
      return undefined;
    }
    const day = toEpochDay(value);
    if (validYear && yearOf(day) !== year) {
      refuse(field, `${value} lies outside ${String(year)}`);
      return undefined;
    }
    return day;
  };

  const holidays: CalendarYearData['holidays'][number][] = [];
  const daysOff = new Set<EpochDay>();
  const holidayList = listOf(input.holidays, 'holidays', CALENDAR_YEAR_LIMITS.holidays, refuse);
  holidayList.forEach((entry, index) => {
    const at = `holidays[${index}]`;
    const holiday = isRecord(entry) ? entry : {};
    if (!isRecord(entry)) refuse(at, 'want { name, nameEn, from, to }');
    const name = text(holiday.name, `${at}.name`, CALENDAR_YEAR_LIMITS.nameChars);
    const nameEn = text(holiday.nameEn, `${at}.nameEn`, CALENDAR_YEAR_LIMITS.nameChars);
    const from = inYear(holiday.from, `${at}.from`);
    const to = inYear(holiday.to, `${at}.to`);
    if (from === undefined || to === undefined) return;
    if (to < from) return void refuse(`${at}.to`, 'ends before it starts');
    if (to - from + 1 > CALENDAR_YEAR_LIMITS.daysInOneHoliday) {
      return void refuse(`${at}.to`, `more than ${CALENDAR_YEAR_LIMITS.daysInOneHoliday} days`);
    }
    for (let day = from; day <= to; day++) {
      if (daysOff.has(day))
        refuse(at, `${String(holiday.from)}…${String(holiday.to)} overlaps another holiday`);
      daysOff.add(day);
    }
    holidays.push({ name, nameEn, from: String(holiday.from), to: String(holiday.to) });
  });
  if (daysOff.size > CALENDAR_YEAR_LIMITS.daysOff) {
    refuse('holidays', `${daysOff.size} days off: want at most ${CALENDAR_YEAR_LIMITS.daysOff}`);
  }

  const adjustedWorkingDays: CalendarYearData['adjustedWorkingDays'][number][] = [];
  const swapped = new Set<EpochDay>();
  const adjustedList = listOf(
    input.adjustedWorkingDays,
    'adjustedWorkingDays',
    CALENDAR_YEAR_LIMITS.adjustedWorkingDays,
    refuse,
  );
  adjustedList.forEach((entry, index) => {
    const at = `adjustedWorkingDays[${index}]`;
    const adjusted = isRecord(entry) ? entry : {};
    if (!isRecord(entry)) refuse(at, 'want { date, for }');
    const serves = text(adjusted.for, `${at}.for`, CALENDAR_YEAR_LIMITS.nameChars);
    const day = inYear(adjusted.date, `${at}.date`);
    if (day === undefined) return;
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) refuse(`${at}.date`, 'not a Saturday or Sunday');
    if (daysOff.has(day)) refuse(`${at}.date`, 'both a day off and a working day');
    if (swapped.has(day)) refuse(`${at}.date`, 'given twice');
    swapped.add(day);
    adjustedWorkingDays.push({ date: String(adjusted.date), for: serves });
  });

  if (issues.length > 0) {
    const first = issues[0];
    throw new CalendarError(
      'calendar_data_invalid',
      `calendar ${String(year)}: ${first.field}: ${first.reason}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      { details: { year, reason: first.reason }, issues },
    );
  }
  return {
    year: year as number,
    timeZone: 'Asia/Shanghai',
    source: { title, reference, issuedOn, ...(url === '' ? {} : { url }) },
    holidays,
    adjustedWorkingDays,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A strict, existing `YYYY-MM-DD` (2027-02-30 is not). */
function isDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

function listOf(
  value: unknown,
  field: string,
  limit: number,
  refuse: (field: string, reason: string) => void,
): readonly unknown[] {
  if (!Array.isArray(value)) {
    refuse(field, 'want an array');
    return [];
  }
  if (value.length > limit) {
    refuse(field, `${value.length} entries: want at most ${limit}`);
    return [];
  }
  return value;
}
