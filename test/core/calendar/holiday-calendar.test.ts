// The calendar data: day kinds, and defensive validation of hand-edited year files.
import { expect } from 'chai';
import {
  CalendarError,
  chineseWorkingDayCalendar,
  createWorkingDayCalendar,
  parseCalendarYear,
  toEpochDay,
  type CalendarYearData,
} from '../../../src/core/calendar/index.js';

const calendar = chineseWorkingDayCalendar();

const baseYear: CalendarYearData = {
  year: 2030,
  timeZone: 'Asia/Shanghai',
  source: { title: 't', reference: 'r', issuedOn: '2029-11-01', url: 'https://example.test' },
  holidays: [{ name: '元旦', nameEn: "New Year's Day", from: '2030-01-01', to: '2030-01-01' }],
  adjustedWorkingDays: [],
};

describe('core/calendar holiday calendar', () => {
  const kinds = [
    { date: '2025-01-01', want: 'public_holiday' },
    { date: '2025-01-02', want: 'working_day' },
    { date: '2025-01-04', want: 'weekend' },
    { date: '2025-01-26', want: 'adjusted_working_day' },
    { date: '2025-10-08', want: 'public_holiday' },
    { date: '2026-02-28', want: 'adjusted_working_day' },
    { date: '2026-06-19', want: 'public_holiday' },
    { date: '2026-09-20', want: 'adjusted_working_day' },
  ];
  for (const { date, want } of kinds) {
    it(`${date} is a ${want}`, () => {
      expect(calendar.dayKind(toEpochDay(date))).to.equal(want);
    });
  }

  it('knows the shipped years', () => {
    expect(calendar.years).to.deep.equal([2025, 2026]);
  });

  const invalidYears: { desc: string; input: unknown; code: string }[] = [
    { desc: 'not an object', input: 'cn-2030', code: 'calendar_data_invalid' },
    {
      desc: 'adjusted working day on a Wednesday',
      input: { ...baseYear, adjustedWorkingDays: [{ date: '2030-01-02', for: '元旦' }] },
      code: 'calendar_data_invalid',
    },
    {
      desc: 'a date outside the year',
      input: { ...baseYear, holidays: [{ ...baseYear.holidays[0], to: '2031-01-01' }] },
      code: 'calendar_data_invalid',
    },
    {
      desc: 'a date that does not exist',
      input: { ...baseYear, holidays: [{ ...baseYear.holidays[0], to: '2030-02-30' }] },
      code: 'calendar_date_invalid',
    },
    {
      desc: 'a range ending before it starts',
      input: {
        ...baseYear,
        holidays: [{ ...baseYear.holidays[0], from: '2030-01-03', to: '2030-01-01' }],
      },
      code: 'calendar_data_invalid',
    },
    {
      desc: 'another time zone',
      input: { ...baseYear, timeZone: 'UTC' },
      code: 'calendar_data_invalid',
    },
  ];
  for (const { desc, input, code } of invalidYears) {
    it(`refuses a year file with ${desc}`, () => {
      expect(() => parseCalendarYear(input))
        .to.throw(CalendarError)
        .with.property('code', code);
    });
  }

  it('refuses the same year twice', () => {
    expect(() => createWorkingDayCalendar([baseYear, baseYear]))
      .to.throw(CalendarError)
      .with.property('code', 'calendar_data_invalid');
  });
});
