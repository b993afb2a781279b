// Deadline arithmetic across weekends, public holidays, adjusted working days (调休) and time zones.
import { expect } from 'chai';
import {
  CalendarError,
  chineseWorkingDayCalendar,
  toEpochDay,
  workingDayDeadline,
  type CalendarYearData,
} from '../../../src/core/calendar/index.js';

const calendar = chineseWorkingDayCalendar();
const at = (iso: string): number => Date.parse(iso);

describe('core/calendar workingDayDeadline (two working days, Asia/Shanghai)', () => {
  const cases: { desc: string; received: string; counted: string[]; deadline: string }[] = [
    {
      desc: 'Monday: Tuesday and Wednesday count, due by Wednesday 24:00',
      received: '2025-03-03T10:00:00+08:00',
      counted: ['2025-03-04', '2025-03-05'],
      deadline: '2025-03-06T00:00:00+08:00',
    },
    {
      desc: 'Friday: the weekend is skipped',
      received: '2025-03-07T09:00:00+08:00',
      counted: ['2025-03-10', '2025-03-11'],
      deadline: '2025-03-12T00:00:00+08:00',
    },
    {
      desc: 'Saturday: counting starts at the next working day',
      received: '2025-03-08T15:00:00+08:00',
      counted: ['2025-03-10', '2025-03-11'],
      deadline: '2025-03-12T00:00:00+08:00',
    },
    {
      desc: 'Thursday 16:30 UTC is already Friday in Shanghai',
      received: '2025-03-06T16:30:00Z',
      counted: ['2025-03-10', '2025-03-11'],
      deadline: '2025-03-12T00:00:00+08:00',
    },
    {
      desc: 'Thursday 15:59 UTC is still Thursday in Shanghai',
      received: '2025-03-06T15:59:00Z',
      counted: ['2025-03-07', '2025-03-10'],
      deadline: '2025-03-11T00:00:00+08:00',
    },
    {
      desc: 'Friday before Spring Festival: adjusted working Sunday 26 Jan counts',
      received: '2025-01-24T11:00:00+08:00',
      counted: ['2025-01-26', '2025-01-27'],
      deadline: '2025-01-28T00:00:00+08:00',
    },
    {
      desc: 'Monday before Spring Festival: eight days off are skipped',
      received: '2025-01-27T11:00:00+08:00',
      counted: ['2025-02-05', '2025-02-06'],
      deadline: '2025-02-07T00:00:00+08:00',
    },
    {
      desc: 'Received during Spring Festival',
      received: '2025-01-30T11:00:00+08:00',
      counted: ['2025-02-05', '2025-02-06'],
      deadline: '2025-02-07T00:00:00+08:00',
    },
    {
      desc: 'Thursday after Spring Festival: adjusted working Saturday 8 Feb counts',
      received: '2025-02-06T11:00:00+08:00',
      counted: ['2025-02-07', '2025-02-08'],
      deadline: '2025-02-09T00:00:00+08:00',
    },
    {
      desc: 'Friday before National Day: adjusted working Sunday 28 Sep counts',
      received: '2025-09-26T18:00:00+08:00',
      counted: ['2025-09-28', '2025-09-29'],
      deadline: '2025-09-30T00:00:00+08:00',
    },
    {
      desc: 'Eve of National Day and Mid-Autumn (1–8 Oct off)',
      received: '2025-09-30T18:00:00+08:00',
      counted: ['2025-10-09', '2025-10-10'],
      deadline: '2025-10-11T00:00:00+08:00',
    },
    {
      desc: 'Thursday 9 Oct: adjusted working Saturday 11 Oct counts',
      received: '2025-10-09T08:00:00+08:00',
      counted: ['2025-10-10', '2025-10-11'],
      deadline: '2025-10-12T00:00:00+08:00',
    },
    {
      desc: 'Across the year boundary into 2026 (1–3 Jan off, Sunday 4 Jan worked)',
      received: '2025-12-31T12:00:00+08:00',
      counted: ['2026-01-04', '2026-01-05'],
      deadline: '2026-01-06T00:00:00+08:00',
    },
    {
      desc: '2026 Spring Festival: adjusted working Saturday 14 Feb, then nine days off',
      received: '2026-02-13T12:00:00+08:00',
      counted: ['2026-02-14', '2026-02-24'],
      deadline: '2026-02-25T00:00:00+08:00',
    },
    {
      desc: '2026 Labour Day: adjusted working Saturday 9 May',
      received: '2026-05-08T12:00:00+08:00',
      counted: ['2026-05-09', '2026-05-11'],
      deadline: '2026-05-12T00:00:00+08:00',
    },
  ];
  for (const { desc, received, counted, deadline } of cases) {
    it(desc, () => {
      const got = workingDayDeadline(calendar, at(received), 2);
      expect(got.countedWorkingDays).to.deep.equal(counted);
      expect(new Date(got.deadlineMs).toISOString()).to.equal(new Date(at(deadline)).toISOString());
    });
  }

  it('an answer one millisecond before the deadline is in time, at the deadline it is late', () => {
    const { deadlineMs } = workingDayDeadline(calendar, at('2025-03-03T10:00:00+08:00'), 2);
    expect(deadlineMs - 1).to.be.lessThan(at('2025-03-06T00:00:00+08:00'));
    expect(deadlineMs).to.equal(at('2025-03-05T16:00:00Z'));
  });

  it('every day counted from a notice: not provisional', () => {
    const got = workingDayDeadline(calendar, at('2026-12-28T12:00:00+08:00'), 2);
    expect(got.countedWorkingDays).to.deep.equal(['2026-12-29', '2026-12-30']);
    expect(got.statutoryYears).to.deep.equal([]);
  });

  it('counting into a year without a notice uses its statutory holidays and names the year', () => {
    // Wednesday 30 Dec 2026: Thursday 31 Dec counts (2026 notice); Friday 1 Jan 2027 is 元旦 by law,
    // then the weekend; Monday 4 Jan counts. Provisional: the 2027 notice may swap days.
    const got = workingDayDeadline(calendar, at('2026-12-30T10:00:00+08:00'), 2);
    expect(got.countedWorkingDays).to.deep.equal(['2026-12-31', '2027-01-04']);
    expect(got.deadlineMs).to.equal(at('2027-01-05T00:00:00+08:00'));
    expect(got.statutoryYears).to.deep.equal([2027]);
  });

  it('a receipt in a year without a notice counts from the law too (Spring Festival 2027)', () => {
    // Thursday 4 Feb 2027: Friday 5 Feb is 除夕, 6–8 Feb 初一 to 初三 (Saturday to Monday).
    const got = workingDayDeadline(calendar, at('2027-02-04T10:00:00+08:00'), 2);
    expect(got.countedWorkingDays).to.deep.equal(['2027-02-09', '2027-02-10']);
    expect(got.statutoryYears).to.deep.equal([2027]);
  });

  it('a year given as a notice is no longer provisional', () => {
    const notice2027: CalendarYearData = {
      year: 2027,
      timeZone: 'Asia/Shanghai',
      source: { title: 'test data', reference: 'test', issuedOn: '2026-11-01' },
      holidays: [{ name: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-03' }],
      adjustedWorkingDays: [],
    };
    const got = workingDayDeadline(
      chineseWorkingDayCalendar([notice2027]),
      at('2026-12-30T10:00:00+08:00'),
      2,
    );
    expect(got.countedWorkingDays).to.deep.equal(['2026-12-31', '2027-01-04']);
    expect(got.statutoryYears).to.deep.equal([]);
  });

  it('refuses a non-positive number of working days', () => {
    const attempt = () => workingDayDeadline(calendar, at('2025-03-03T10:00:00+08:00'), 0);
    expect(attempt).to.throw(CalendarError).with.property('code', 'calendar_date_invalid');
  });

  // 365 days − 104 weekend days − 13 statutory days off (2025 amendment of the Regulations on
  // National Holidays) = 248: the notice moves days and gives the make-up day (补假, Art. 6) for a
  // holiday on a weekend, so every day the law grants is a weekday off.
  for (const year of [2025, 2026]) {
    it(`counts 248 working days in ${year}`, () => {
      let count = 0;
      for (let day = toEpochDay(`${year}-01-01`); day <= toEpochDay(`${year}-12-31`); day++) {
        if (calendar.isWorkingDay(day)) count++;
      }
      expect(count).to.equal(248);
    });
  }
});
