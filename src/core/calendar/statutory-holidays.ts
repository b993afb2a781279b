// The public holidays the law itself fixes for any year, from the lunar calendar and the solar terms.
import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';
import { CalendarError } from './calendar-error.js';
import { epochDayOf, toIsoDate, type EpochDay } from './civil-date.js';
import type { CalendarYearData } from './calendar-year-data.js';

/**
 * 《全国年节及纪念日放假办法》 as amended by State Council Decree No. 795 (10 November 2024, in force
 * 1 January 2025), Art. 2: the holidays of all citizens. Art. 6's make-up day (补假) for a holiday on
 * a weekend, the swapped working weekends and the bridging days (调休) are chosen by each year's
 * notice and are not known in advance, so they are not here.
 */
export const STATUTORY_HOLIDAY_LAW = Object.freeze({
  title: '全国年节及纪念日放假办法（2024年11月修订）',
  reference: '国务院令第795号',
  issuedOn: '2024-11-10',
  url: 'https://www.gov.cn/zhengce/',
});

/** The years the lunar computation is asked for: well beyond any deadline a gateway computes. */
export const STATUTORY_YEAR_RANGE = Object.freeze({ first: 1901, last: 2199 });

/** One statutory holiday of a year: its names and its days (consecutive, inclusive). */
export interface StatutoryHoliday {
  readonly name: string;
  readonly nameEn: string;
  readonly days: readonly string[];
}

const toDay = (solarDay: SolarDay): EpochDay =>
  epochDayOf(solarDay.getYear(), solarDay.getMonth(), solarDay.getDay());

/** `count` consecutive days from `first`, as ISO dates. */
const run = (first: EpochDay, count: number): string[] =>
  Array.from({ length: count }, (_, offset) => toIsoDate(first + offset));

/** The Gregorian day of a lunar date (正月 = month 1) in the lunar year that starts in `year`. */
const lunar = (year: number, month: number, day: number): EpochDay =>
  toDay(LunarDay.fromYmd(year, month, day).getSolarDay());

/**
 * The statutory holidays of `year` in the order of the law: 元旦 1 January; 春节 4 days, 除夕 (the
 * day before 正月初一, whether the last month has 29 or 30 days) to 正月初三; 清明 1 day, the day of the
 * Qingming solar term; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 October.
 *
 * Deterministic (tyme4ts computes from astronomical tables, no clock, no I/O). Requires `year` in
 * STATUTORY_YEAR_RANGE; otherwise throws `calendar_date_invalid`.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  if (
    !Number.isInteger(year) ||
    year < STATUTORY_YEAR_RANGE.first ||
    year > STATUTORY_YEAR_RANGE.last
  ) {
    throw new CalendarError(
      'calendar_date_invalid',
      `year ${year}: want ${STATUTORY_YEAR_RANGE.first}–${STATUTORY_YEAR_RANGE.last} for the statutory holidays`,
      { details: { got: year } },
    );
  }
  const springFestivalEve = lunar(year, 1, 1) - 1;
  const qingming = toDay(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay());
  const holidays: StatutoryHoliday[] = [
    { name: '元旦', nameEn: "New Year's Day", days: run(epochDayOf(year, 1, 1), 1) },
    { name: '春节', nameEn: 'Spring Festival', days: run(springFestivalEve, 4) },
    { name: '清明节', nameEn: 'Qingming Festival', days: run(qingming, 1) },
    { name: '劳动节', nameEn: 'Labour Day', days: run(epochDayOf(year, 5, 1), 2) },
    { name: '端午节', nameEn: 'Dragon Boat Festival', days: run(lunar(year, 5, 5), 1) },
    { name: '中秋节', nameEn: 'Mid-Autumn Festival', days: run(lunar(year, 8, 15), 1) },
    { name: '国庆节', nameEn: 'National Day', days: run(epochDayOf(year, 10, 1), 3) },
  ];
  return Object.freeze(holidays.map((holiday) => Object.freeze(holiday)));
}

/**
 * A year of the working-day calendar built from the statutory holidays alone (no 调休): what a
 * deadline counts with while the year's notice is not loaded. Holidays that share a day (中秋 on
 * 1–3 October, as in 2028) become one range named for both, as the notices write them.
 */
export function statutoryCalendarYear(year: number): CalendarYearData {
  const ranges: { name: string; nameEn: string; from: string; to: string }[] = [];
  const byStart = [...statutoryHolidays(year)].sort((a, b) => a.days[0].localeCompare(b.days[0]));
  for (const holiday of byStart) {
    const from = holiday.days[0];
    const to = holiday.days[holiday.days.length - 1];
    const last = ranges[ranges.length - 1];
    if (last !== undefined && from <= last.to) {
      last.name = `${last.name}、${holiday.name}`;
      last.nameEn = `${last.nameEn} and ${holiday.nameEn}`;
      if (to > last.to) last.to = to;
    } else {
      ranges.push({ name: holiday.name, nameEn: holiday.nameEn, from, to });
    }
  }
  return {
    year,
    timeZone: 'Asia/Shanghai',
    source: STATUTORY_HOLIDAY_LAW,
    holidays: ranges,
    adjustedWorkingDays: [],
  };
}
