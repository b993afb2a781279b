// An operator's holiday-calendar files (HOLIDAY_CALENDAR_DIR): years published after this release.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CalendarError,
  parseCalendarYear,
  type CalendarYearData,
} from '../../core/calendar/index.js';

const CALENDAR_FILE = /^cn-(\d{4})\.json$/;

/**
 * Reads every `cn-YYYY.json` in `directory` (same format as src/core/calendar/holidays/), each
 * validated and required to hold the year its name says. A file that cannot be read or parsed,
 * or fails validation, throws a CalendarError naming it: the gateway refuses to start rather than
 * compute statutory deadlines from a calendar it could not read.
 */
export function readCalendarFiles(directory: string): CalendarYearData[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => CALENDAR_FILE.test(name));
  } catch (error) {
    throw invalidFile(directory, (error as NodeJS.ErrnoException).code ?? 'unreadable');
  }
  return names.sort().map((name) => {
    const path = join(directory, name);
    let data: CalendarYearData;
    try {
      data = parseCalendarYear(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw invalidFile(path, error instanceof Error ? error.message : String(error));
    }
    const year = Number(CALENDAR_FILE.exec(name)![1]);
    if (data.year !== year)
      throw invalidFile(path, `holds year ${data.year}, its name says ${year}`);
    return data;
  });
}

function invalidFile(path: string, reason: string): CalendarError {
  return new CalendarError('calendar_data_invalid', `holiday calendar ${path}: ${reason}`, {
    details: { path, reason },
  });
}
