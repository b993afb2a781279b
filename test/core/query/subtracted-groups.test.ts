// Which aggregates subtract exactly, and that only those take the subtracted path.
import { expect } from 'chai';
import { compileQuery, isSubtractable, parseQuery, sql } from '../../../src/core/query/index.js';

const schema = {
  columns: [
    { name: 'zone', type: 'string' as const },
    { name: 'visits', type: 'number' as const },
    { name: 'weight', type: 'number' as const },
  ],
};
const exactSumColumns = new Set(['visits']);
const subtraction = {
  release: sql`SELECT * FROM release`,
  withheld: sql`SELECT * FROM withheld`,
  exactSumColumns,
};

describe('core/query isSubtractable', () => {
  const cases = [
    { desc: 'count', aggregates: [{ fn: 'count', as: 'n' }], want: true },
    {
      desc: 'count of a column',
      aggregates: [{ fn: 'count', column: 'zone', as: 'n' }],
      want: true,
    },
    {
      desc: 'sum of an exact column',
      aggregates: [{ fn: 'sum', column: 'visits', as: 's' }],
      want: true,
    },
    {
      desc: 'sum of a float column',
      aggregates: [{ fn: 'sum', column: 'weight', as: 's' }],
      want: false,
    },
    { desc: 'avg', aggregates: [{ fn: 'avg', column: 'visits', as: 'a' }], want: false },
    { desc: 'min', aggregates: [{ fn: 'min', column: 'visits', as: 'm' }], want: false },
    {
      desc: 'count with max',
      aggregates: [
        { fn: 'count', as: 'n' },
        { fn: 'max', column: 'visits', as: 'm' },
      ],
      want: false,
    },
  ];
  for (const { desc, aggregates, want } of cases) {
    it(`${desc}: ${want}`, () => {
      const parsed = parseQuery({ groupBy: ['zone'], aggregates }, schema);
      expect(isSubtractable(parsed, exactSumColumns)).to.equal(want);
      const { answer, rows, totals } = compileQuery(parsed, {
        minimumGroupSize: 5,
        source: sql`SELECT * FROM copy`,
        subtraction,
      });
      for (const statement of [answer!, rows, totals]) {
        expect(statement.sql.includes('FROM release'), desc).to.equal(want);
        expect(statement.sql.includes('FROM copy'), desc).to.equal(!want);
      }
    });
  }

  it('a row query is never subtracted', () => {
    const parsed = parseQuery({ select: ['zone'] }, schema);
    expect(isSubtractable(parsed, exactSumColumns)).to.equal(false);
    const { rows } = compileQuery(parsed, {
      minimumGroupSize: 5,
      source: sql`SELECT * FROM copy`,
      subtraction,
    });
    expect(rows.sql).to.not.include('FROM release');
  });
});
