// The statutory holidays computed from the law and the lunar calendar, checked against the shipped notices.
import { expect } from 'chai';
import {
  CalendarError,
  chineseWorkingDayCalendar,
  createWorkingDayCalendar,
  parseCalendarYear,
  statutoryCalendarYear,
  statutoryHolidays,
  toEpochDay,
  toIsoDate,
} from '../../../src/core/calendar/index.js';

/**
 * Known answers: 2025 and 2026 from the State Council notices (国办发明电〔2024〕12号 and the notice
 * of 4 Nov 2025), 2027 and 2028 from the published lunar calendar (春节 6 Feb 2027 and 26 Jan 2028;
 * 清明 5 Apr 2027 and 4 Apr 2028; 端午 9 Jun 2027 and 28 May 2028; 中秋 15 Sep 2027 and 3 Oct 2028).
 */
const known: { year: number; want: Record<string, string[]> }[] = [
  {
    year: 2025,
    want: {
      元旦: ['2025-01-01'],
      春节: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
      清明节: ['2025-04-04'],
      劳动节: ['2025-05-01', '2025-05-02'],
      端午节: ['2025-05-31'],
      中秋节: ['2025-10-06'],
      国庆节: ['2025-10-01', '2025-10-02', '2025-10-03'],
    },
  },
  {
    year: 2026,
    want: {
      元旦: ['2026-01-01'],
      春节: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'],
      清明节: ['2026-04-05'],
      劳动节: ['2026-05-01', '2026-05-02'],
      端午节: ['2026-06-19'],
      中秋节: ['2026-09-25'],
      国庆节: ['2026-10-01', '2026-10-02', '2026-10-03'],
    },
  },
  {
    year: 2027,
    want: {
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    },
  },
  {
    year: 2028,
    want: {
      元旦: ['2028-01-01'],
      // 除夕 is 腊月廿九 here (the twelfth month has 29 days): the day before 正月初一 all the same.
      春节: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'],
      清明节: ['2028-04-04'],
      劳动节: ['2028-05-01', '2028-05-02'],
      端午节: ['2028-05-28'],
      中秋节: ['2028-10-03'],
      国庆节: ['2028-10-01', '2028-10-02', '2028-10-03'],
    },
  },
];

/**
 * Where each notice departs from the statutory holidays: the days it gives off on top of them
 * (补假 for a holiday on a weekend, Art. 6, and bridging days), and the weekends it makes working
 * days (调休上班). Every other day of the year agrees.
 */
const noticeAdjustments: {
  year: number;
  extraDaysOff: string[];
  swappedWorkingDays: string[];
}[] = [
  {
    year: 2025,
    extraDaysOff: [
      '2025-02-03', // 春节 bridging
      '2025-02-04', // 春节 bridging
      '2025-05-05', // 劳动节 bridging
      '2025-06-02', // 端午 fell on Saturday 31 May: 补假
      '2025-10-07', // 国庆、中秋 bridging
      '2025-10-08', // 国庆、中秋 bridging
    ],
    swappedWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    extraDaysOff: [
      '2026-01-02', // 元旦 bridging
      '2026-02-20', // 春节 bridging
      '2026-02-23', // 春节 bridging
      '2026-04-06', // 清明 fell on Sunday 5 Apr: 补假
      '2026-05-04', // 劳动节 2 May fell on Saturday: 补假
      '2026-05-05', // 劳动节 bridging
      '2026-10-05', // 国庆 3 Oct fell on Saturday: 补假
      '2026-10-06', // 国庆 bridging
      '2026-10-07', // 国庆 bridging
    ],
    swappedWorkingDays: [
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ],
  },
];

describe('core/calendar statutory holidays (全国年节及纪念日放假办法, 2024 amendment)', () => {
  for (const { year, want } of known) {
    it(`computes the seven holidays of ${year} from the lunar calendar and the solar terms`, () => {
      const got = Object.fromEntries(
        statutoryHolidays(year).map((holiday) => [holiday.name, holiday.days]),
      );
      expect(got).to.deep.equal(want);
    });
  }

  it('gives 13 days off every year, as the law does', () => {
    for (let year = 2025; year <= 2060; year++) {
      const days = statutoryHolidays(year).flatMap((holiday) => holiday.days);
      expect(days, String(year)).to.have.length(13);
      // 国庆 and 中秋 may share a day (2028, 2031): the law still names both.
      expect(new Set(days).size, String(year)).to.be.within(12, 13);
      for (const day of days) expect(day.startsWith(`${year}-`), day).to.equal(true);
    }
  });

  for (const { year, extraDaysOff, swappedWorkingDays } of noticeAdjustments) {
    it(`agrees with the ${year} notice on every day except its named adjustments`, () => {
      const notices = chineseWorkingDayCalendar();
      const statutoryOnly = createWorkingDayCalendar([]);
      expect(notices.basisOf(year)).to.equal('holiday_notice');
      expect(statutoryOnly.basisOf(year)).to.equal('statutory_holidays');
      const offInNoticeOnly: string[] = [];
      const workingInNoticeOnly: string[] = [];
      for (let day = toEpochDay(`${year}-01-01`); day <= toEpochDay(`${year}-12-31`); day++) {
        const byNotice = notices.isWorkingDay(day);
        const byLaw = statutoryOnly.isWorkingDay(day);
        if (byLaw && !byNotice) offInNoticeOnly.push(toIsoDate(day));
        if (!byLaw && byNotice) workingInNoticeOnly.push(toIsoDate(day));
      }
      expect(offInNoticeOnly).to.deep.equal(extraDaysOff);
      expect(workingInNoticeOnly).to.deep.equal(swappedWorkingDays);
    });

    it(`every statutory day of ${year} is a day off in its notice`, () => {
      const notices = chineseWorkingDayCalendar();
      for (const holiday of statutoryHolidays(year)) {
        for (const day of holiday.days) {
          expect(notices.dayKind(toEpochDay(day)), `${holiday.name} ${day}`).to.equal(
            'public_holiday',
          );
        }
      }
    });
  }

  it('builds a valid calendar year when 中秋 falls inside 国庆 (2028)', () => {
    const year = statutoryCalendarYear(2028);
    expect(parseCalendarYear(year)).to.deep.equal(year);
    expect(year.holidays.map((holiday) => [holiday.name, holiday.from, holiday.to])).to.deep.equal([
      ['元旦', '2028-01-01', '2028-01-01'],
      ['春节', '2028-01-25', '2028-01-28'],
      ['清明节', '2028-04-04', '2028-04-04'],
      ['劳动节', '2028-05-01', '2028-05-02'],
      ['端午节', '2028-05-28', '2028-05-28'],
      ['国庆节、中秋节', '2028-10-01', '2028-10-03'],
    ]);
  });

  it('refuses a year outside the supported range', () => {
    expect(() => statutoryHolidays(1800))
      .to.throw(CalendarError)
      .with.property('code', 'calendar_date_invalid');
  });
});
