// Which holiday notices are due and missing on a given instant (Asia/Shanghai), for the gateway's warnings.
import { expect } from 'chai';
import {
  chineseWorkingDayCalendar,
  missingHolidayNotices,
  type CalendarYearData,
} from '../../../src/core/calendar/index.js';

const notice = (year: number): CalendarYearData => ({
  year,
  timeZone: 'Asia/Shanghai',
  source: { title: 'test data', reference: 'test', issuedOn: `${year - 1}-11-01` },
  holidays: [],
  adjustedWorkingDays: [],
});

describe('core/calendar missingHolidayNotices', () => {
  const shipped = chineseWorkingDayCalendar();
  const with2027 = chineseWorkingDayCalendar([notice(2027)]);
  const cases = [
    {
      desc: '31 Oct 2026: nothing due yet',
      calendar: shipped,
      at: '2026-10-31T23:59:59+08:00',
      want: [],
    },
    {
      desc: '1 Nov 2026, Shanghai midnight: 2027 due',
      calendar: shipped,
      at: '2026-11-01T00:00:00+08:00',
      want: [2027],
    },
    {
      desc: '31 Oct 16:00 UTC is already 1 Nov in Shanghai',
      calendar: shipped,
      at: '2026-10-31T16:00:00Z',
      want: [2027],
    },
    {
      desc: '30 Dec 2026 with the 2027 notice loaded',
      calendar: with2027,
      at: '2026-12-30T10:00:00+08:00',
      want: [],
    },
    {
      desc: 'in 2027 without its notice: the current year is missing',
      calendar: shipped,
      at: '2027-03-01T10:00:00+08:00',
      want: [2027],
    },
    {
      desc: 'November 2027 without either notice',
      calendar: shipped,
      at: '2027-11-15T10:00:00+08:00',
      want: [2027, 2028],
    },
    { desc: 'June 2025: all loaded', calendar: shipped, at: '2025-06-01T10:00:00+08:00', want: [] },
  ];
  for (const { desc, calendar, at, want } of cases) {
    it(desc, () => {
      expect(missingHolidayNotices(calendar, Date.parse(at)).years).to.deep.equal(want);
    });
  }

  it('reports the Shanghai date it judged', () => {
    expect(missingHolidayNotices(shipped, Date.parse('2026-10-31T16:00:00Z')).today).to.equal(
      '2026-11-01',
    );
  });
});
