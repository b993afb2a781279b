// Holiday notices for 2027 made up for tests (the real one was not published when these were
// written), and the instant and request the holiday-calendar tests file with.
import type { CalendarYearData } from '../../src/core/calendar/index.js';

/** Wednesday 30 December 2026, 10:00 in Shanghai: the shipped notices end with 2026. */
export const DEC_30_2026_MS = Date.parse('2026-12-30T10:00:00+08:00');

/** An access request for a listing made by createListingFixture (columns age_band, visits, …). */
export const sampleAccessRequest = {
  purpose: 'research',
  intendedUse: 'Study of outpatient visit frequency by age band.',
  requestedDurationDays: 30,
  columns: ['age_band', 'visits'],
} as const;

const source = {
  title: 'test data, not the State Council notice',
  reference: 'test-2027',
  issuedOn: '2026-11-05',
};

/**
 * 元旦 1 Jan off and Saturday 2 Jan a working day (调休). For a request
 * received Wednesday 30 Dec 2026 it counts Thursday 31 Dec and Saturday 2 Jan: due 3 Jan, two days
 * EARLIER than the statutory count (5 Jan).
 */
export const notice2027Earlier: CalendarYearData = {
  year: 2027,
  timeZone: 'Asia/Shanghai',
  source,
  holidays: [{ name: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-01' }],
  adjustedWorkingDays: [{ date: '2027-01-02', for: '元旦' }],
};

/**
 * 元旦 1–4 Jan (a bridging Monday). For a request received Wednesday 30 Dec 2026 it counts
 * Thursday 31 Dec and Tuesday 5 Jan: due 6 Jan, one day LATER than the statutory count (5 Jan).
 */
export const notice2027Later: CalendarYearData = {
  year: 2027,
  timeZone: 'Asia/Shanghai',
  source,
  holidays: [{ name: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-04' }],
  adjustedWorkingDays: [{ date: '2027-01-09', for: '元旦' }],
};
