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

  it('answers a year without a notice from the statutory holidays, and says so', () => {
    expect(calendar.basisOf(2026)).to.equal('holiday_notice');
    expect(calendar.basisOf(2027)).to.equal('statutory_holidays');
    const kinds2027 = [
      ['2027-01-01', 'public_holiday'], // 元旦, Friday
      ['2027-01-04', 'working_day'],
      ['2027-02-05', 'public_holiday'], // 除夕
      ['2027-02-08', 'public_holiday'], // 正月初三, Monday
      ['2027-02-09', 'working_day'], // no notice: no bridging days, no 补假
      ['2027-10-03', 'public_holiday'], // Sunday, and 国庆 by law
      ['2027-10-04', 'working_day'],
    ];
    for (const [date, want] of kinds2027) {
      expect(calendar.dayKind(toEpochDay(date)), date).to.equal(want);
    }
  });

  const invalidYears: { desc: string; input: unknown; fields: string[] }[] = [
    { desc: 'not an object', input: 'cn-2030', fields: [''] },
    {
      desc: 'adjusted working day on a Wednesday',
      input: { ...baseYear, adjustedWorkingDays: [{ date: '2030-01-02', for: '元旦' }] },
      fields: ['adjustedWorkingDays[0].date'],
    },
    {
      desc: 'a date outside the year',
      input: { ...baseYear, holidays: [{ ...baseYear.holidays[0], to: '2031-01-01' }] },
      fields: ['holidays[0].to'],
    },
    {
      desc: 'a date that does not exist',
      input: { ...baseYear, holidays: [{ ...baseYear.holidays[0], to: '2030-02-30' }] },
      fields: ['holidays[0].to'],
    },
    {
      desc: 'a range ending before it starts',
      input: {
        ...baseYear,
        holidays: [{ ...baseYear.holidays[0], from: '2030-01-03', to: '2030-01-01' }],
      },
      fields: ['holidays[0].to'],
    },
    {
      desc: 'another time zone',
      input: { ...baseYear, timeZone: 'UTC' },
      fields: ['timeZone'],
    },
    {
      desc: 'an unnamed holiday and an unnamed swapped day',
      input: {
        ...baseYear,
        holidays: [{ name: ' ', from: '2030-01-01', to: '2030-01-01' }],
        adjustedWorkingDays: [{ date: '2030-01-05' }],
      },
      fields: ['holidays[0].name', 'holidays[0].nameEn', 'adjustedWorkingDays[0].for'],
    },
    {
      desc: 'a day both off and worked (Saturday 5 Jan 2030)',
      input: {
        ...baseYear,
        holidays: [{ ...baseYear.holidays[0], to: '2030-01-05' }],
        adjustedWorkingDays: [{ date: '2030-01-05', for: '元旦' }],
      },
      fields: ['adjustedWorkingDays[0].date'],
    },
    {
      desc: 'the same swapped day twice',
      input: {
        ...baseYear,
        adjustedWorkingDays: [
          { date: '2030-01-05', for: '元旦' },
          { date: '2030-01-05', for: '元旦' },
        ],
      },
      fields: ['adjustedWorkingDays[1].date'],
    },
    {
      desc: 'overlapping holidays',
      input: { ...baseYear, holidays: [baseYear.holidays[0], baseYear.holidays[0]] },
      fields: ['holidays[1]'],
    },
    {
      desc: 'a holiday of 40 days',
      input: { ...baseYear, holidays: [{ ...baseYear.holidays[0], to: '2030-02-09' }] },
      fields: ['holidays[0].to'],
    },
    {
      desc: 'too many holidays',
      input: {
        ...baseYear,
        holidays: Array.from({ length: 21 }, (_, index) => ({
          ...baseYear.holidays[0],
          from: `2030-03-${String(index + 1).padStart(2, '0')}`,
          to: `2030-03-${String(index + 1).padStart(2, '0')}`,
        })),
      },
      fields: ['holidays'],
    },
    {
      desc: 'no source',
      input: { ...baseYear, source: undefined },
      fields: ['source', 'source.title', 'source.reference', 'source.issuedOn'],
    },
  ];
  for (const { desc, input, fields } of invalidYears) {
    it(`refuses a year file with ${desc}, naming the fields`, () => {
      try {
        parseCalendarYear(input);
        expect.fail('expected calendar_data_invalid');
      } catch (error) {
        expect(error).to.be.instanceOf(CalendarError);
        expect((error as CalendarError).code).to.equal('calendar_data_invalid');
        expect((error as CalendarError).issues.map((issue) => issue.field)).to.deep.equal(fields);
      }
    });
  }

  it('keeps only the known fields of a valid year', () => {
    const parsed = parseCalendarYear({ ...baseYear, comment: 'dropped', extra: [1, 2] });
    expect(parsed).to.deep.equal(baseYear);
  });

  it('refuses the same year twice', () => {
    expect(() => createWorkingDayCalendar([baseYear, baseYear]))
      .to.throw(CalendarError)
      .with.property('code', 'calendar_data_invalid');
  });
});
