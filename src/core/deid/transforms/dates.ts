// Date generalization (year, quarter, month), age from a birth date, and per-subject date shifting.
import type { DateGranularity } from '../policy.js';

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Whatever followed the date (a time of day), kept by date shifting. */
  readonly rest: string;
}

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(.*)$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Parses `2023-07-14`, `2023/7/14`, `2023年7月14日`, `20230714`, with an optional time after it. */
export function parseCalendarDate(value: string): CalendarDate | undefined {
  const text = value.trim();
  const match = DATE.exec(text) ?? COMPACT.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, rest: match[4] ?? '' };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2023-07-14` → `2023` | `2023-Q3` | `2023-07`. */
export function generalizeDate(date: CalendarDate, to: DateGranularity): string {
  if (to === 'year') return String(date.year);
  if (to === 'quarter') return `${date.year}-Q${Math.floor((date.month - 1) / 3) + 1}`;
  return `${date.year}-${String(date.month).padStart(2, '0')}`;
}

/** Age in completed years on `reference` (a birthday on the reference day counts). */
export function ageOn(birth: CalendarDate, reference: CalendarDate): number {
  const beforeBirthday =
    reference.month < birth.month || (reference.month === birth.month && reference.day < birth.day);
  return reference.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** The date `days` days later (negative: earlier) as YYYY-MM-DD plus the original time part. */
export function shiftDate(date: CalendarDate, days: number): string {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  const y = shifted.getUTCFullYear();
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}${date.rest}`;
}
