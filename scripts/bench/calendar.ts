// Benchmark: the cost of deadlines when a year's holiday notice is missing (issue 20). The statutory
// holidays of a year come from the lunar calendar (tyme4ts) on first use; every deadline after that
// is a walk over a few days. Prints figures; not a test.
// Run: node --import tsx scripts/bench/calendar.ts
import {
  chineseWorkingDayCalendar,
  statutoryHolidays,
  STATUTORY_YEAR_RANGE,
  workingDayDeadline,
} from '../../src/core/calendar/index.js';

function timed(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

// 1. The statutory holidays of every year the computation is asked for, once each (cold).
const years = STATUTORY_YEAR_RANGE.last - STATUTORY_YEAR_RANGE.first + 1;
const statutoryMs = timed(() => {
  for (let year = STATUTORY_YEAR_RANGE.first; year <= STATUTORY_YEAR_RANGE.last; year++) {
    statutoryHolidays(year);
  }
});
console.log(
  `statutory holidays: ${years} years in ${statutoryMs.toFixed(1)} ms ` +
    `(${((statutoryMs / years) * 1000).toFixed(0)} µs per year)`,
);

// 2. Deadlines filed around the new year, when 2027 has no notice: the first call builds 2027 from
// the law, the rest reuse it. Received times step by 7 minutes over 30 Dec 2026 – 8 Jan 2027.
const calendar = chineseWorkingDayCalendar();
const from = Date.parse('2026-12-30T00:00:00+08:00');
const stepMs = 7 * 60 * 1000;
const count = 100_000;
let provisional = 0;
const firstMs = timed(() => {
  workingDayDeadline(calendar, from, 2);
});
const deadlinesMs = timed(() => {
  for (let index = 0; index < count; index++) {
    const deadline = workingDayDeadline(calendar, from + ((index * stepMs) % (10 * 86_400_000)), 2);
    if (deadline.statutoryYears.length > 0) provisional++;
  }
});
console.log(
  `first deadline into 2027 (builds the statutory year): ${firstMs.toFixed(2)} ms; ` +
    `${count.toLocaleString('en')} deadlines in ${deadlinesMs.toFixed(0)} ms ` +
    `(${((deadlinesMs / count) * 1000).toFixed(2)} µs each, ${provisional.toLocaleString('en')} provisional)`,
);
