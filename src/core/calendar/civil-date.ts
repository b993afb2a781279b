// Civil (wall-calendar) dates in Asia/Shanghai as day numbers, so working-day arithmetic is integer math.
import { CalendarError } from './calendar-error.js';

/**
 * Asia/Shanghai has been UTC+08:00 all year round since 1992 (China ended daylight saving time
 * after 1991), so for every year a calendar file can describe the offset is this constant and
 * no time-zone database is needed.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01 of a civil date (the "epoch day"). */
export type EpochDay = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly (rejects 2025-02-30); throws `calendar_date_invalid`. */
export function toEpochDay(isoDate: string): EpochDay {
  const match = ISO_DATE.exec(isoDate);
  if (!match) {
    throw new CalendarError(
      'calendar_date_invalid',
      `date ${JSON.stringify(isoDate)}: want YYYY-MM-DD`,
      {
        details: { got: isoDate },
      },
    );
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const epochDay = Math.floor(ms / DAY_MS);
  if (toIsoDate(epochDay) !== isoDate) {
    throw new CalendarError('calendar_date_invalid', `date ${isoDate} does not exist`, {
      details: { got: isoDate },
    });
  }
  return epochDay;
}

/** The epoch day of a Gregorian date given as numbers (month 1–12); requires a valid date. */
export function epochDayOf(year: number, month: number, day: number): EpochDay {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Formats an epoch day as `YYYY-MM-DD`. */
export function toIsoDate(epochDay: EpochDay): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(epochDay: EpochDay): number {
  return new Date(epochDay * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: EpochDay): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** The Shanghai civil date on which the instant `atMs` falls. */
export function shanghaiEpochDay(atMs: number): EpochDay {
  return Math.floor((atMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant 00:00 Asia/Shanghai of a civil date. */
export function shanghaiStartOfDayMs(epochDay: EpochDay): number {
  return epochDay * DAY_MS - SHANGHAI_OFFSET_MS;
}
