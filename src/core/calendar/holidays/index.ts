// The holiday calendars shipped with anonex, one State Council notice per year (see ../README.md).
import cn2025 from './cn-2025.json' with { type: 'json' };
import cn2026 from './cn-2026.json' with { type: 'json' };
import type { CalendarYearData } from '../calendar-year-data.js';

export const shippedCalendarYears: readonly CalendarYearData[] = [
  cn2025 as CalendarYearData,
  cn2026 as CalendarYearData,
];
