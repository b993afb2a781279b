// Query execution against a naive row-by-row reference, and k suppression of small groups.
import { expect } from 'chai';
import { table } from 'arquero';
import { executeQuery, inferQuerySchema, parseQuery } from '../../../src/core/query/index.js';
import { createRng } from '../../../src/core/rng.js';

const rng = createRng(7);
const cities = ['Tianjin', 'Tangshan', 'Beijing', 'Langfang'];
const bands = ['20-29', '30-39', '40-49'];
const rowCount = 400;
const columns = {
  city: Array.from({ length: rowCount }, () => cities[rng.nextInt(cities.length)]),
  age_band: Array.from({ length: rowCount }, () => bands[rng.nextInt(bands.length)]),
  income: Array.from({ length: rowCount }, () =>
    rng.nextInt(10) === 0 ? null : rng.nextInt(1000),
  ),
  insured: Array.from({ length: rowCount }, () => rng.nextInt(2) === 1),
};
// A single Xianghe record: its group is below any k > 1.
columns.city[0] = 'Xianghe';
const artifact = table(columns);
const schema = inferQuerySchema(artifact);
const rows = Array.from({ length: rowCount }, (_, i) => ({
  city: columns.city[i],
  age_band: columns.age_band[i],
  income: columns.income[i],
  insured: columns.insured[i],
}));

const run = (query: unknown, k = 1) =>
  executeQuery(artifact, parseQuery(query, schema), { minimumGroupSize: k });

describe('core/query executeQuery', () => {
  it('infers column types', () => {
    expect(schema.columns.map((c) => c.type)).to.deep.equal([
      'string',
      'string',
      'number',
      'boolean',
    ]);
  });

  const filters: {
    desc: string;
    where: unknown[];
    keep: (row: (typeof rows)[number]) => boolean;
  }[] = [
    {
      desc: '=',
      where: [{ column: 'city', op: '=', value: 'Tianjin' }],
      keep: (r) => r.city === 'Tianjin',
    },
    {
      desc: '≠',
      where: [{ column: 'city', op: '≠', value: 'Tianjin' }],
      keep: (r) => r.city !== 'Tianjin',
    },
    {
      desc: '<',
      where: [{ column: 'income', op: '<', value: 100 }],
      keep: (r) => r.income !== null && r.income < 100,
    },
    {
      desc: '≤',
      where: [{ column: 'income', op: '<=', value: 100 }],
      keep: (r) => r.income !== null && r.income <= 100,
    },
    {
      desc: '>',
      where: [{ column: 'income', op: '>', value: 900 }],
      keep: (r) => r.income !== null && r.income > 900,
    },
    {
      desc: '≥',
      where: [{ column: 'income', op: '>=', value: 900 }],
      keep: (r) => r.income !== null && r.income >= 900,
    },
    {
      desc: 'in',
      where: [{ column: 'age_band', op: 'in', value: ['20-29', '40-49'] }],
      keep: (r) => r.age_band === '20-29' || r.age_band === '40-49',
    },
    {
      desc: 'between',
      where: [{ column: 'income', op: 'between', value: [200, 300] }],
      keep: (r) => r.income !== null && r.income >= 200 && r.income <= 300,
    },
    {
      desc: 'prefix',
      where: [{ column: 'city', op: 'prefix', value: 'Tian' }],
      keep: (r) => r.city.startsWith('Tian'),
    },
    {
      desc: 'a conjunction',
      where: [
        { column: 'insured', op: '=', value: true },
        { column: 'city', op: 'prefix', value: 'T' },
      ],
      keep: (r) => r.insured && r.city.startsWith('T'),
    },
  ];
  for (const { desc, where, keep } of filters) {
    it(`filters with ${desc} like the row-by-row reference`, () => {
      const got = run({ select: ['city', 'income'], where });
      const want = rows.filter(keep).map((r) => [r.city, r.income]);
      expect(got.matchedRows).to.equal(want.length);
      expect(got.rows).to.deep.equal(want);
    });
  }

  it('groups and aggregates like the reference, ordered and paged', () => {
    const got = run(
      {
        groupBy: ['city'],
        aggregates: [
          { fn: 'count', as: 'n' },
          { fn: 'sum', column: 'income', as: 'total' },
          { fn: 'avg', column: 'income', as: 'mean' },
          { fn: 'min', column: 'income' },
          { fn: 'max', column: 'income' },
        ],
        orderBy: [{ column: 'n', direction: 'desc' }],
      },
      2,
    );
    const want = cities
      .map((city) => {
        const group = rows.filter((r) => r.city === city);
        const incomes = group.map((r) => r.income).filter((v): v is number => v !== null);
        const total = incomes.reduce((a, b) => a + b, 0);
        return [
          city,
          group.length,
          total,
          total / incomes.length,
          Math.min(...incomes),
          Math.max(...incomes),
        ];
      })
      .sort((a, b) => (b[1] as number) - (a[1] as number));
    expect(got.columns).to.deep.equal(['city', 'n', 'total', 'mean', 'min_income', 'max_income']);
    const close = got.rows.map((row) =>
      row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)),
    );
    const wantClose = want.map((row) =>
      row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)),
    );
    expect(close).to.deep.equal(wantClose);
    expect(got.suppressedGroups).to.equal(1); // Xianghe: one record, below k = 2
  });

  it('suppresses aggregate groups with fewer than k records', () => {
    const unsuppressed = run(
      { groupBy: ['city', 'age_band'], aggregates: [{ fn: 'count', as: 'n' }] },
      1,
    );
    const k = 30;
    const suppressed = run(
      { groupBy: ['city', 'age_band'], aggregates: [{ fn: 'count', as: 'n' }] },
      k,
    );
    const small = unsuppressed.rows.filter((row) => (row[2] as number) < k);
    expect(small.length).to.be.greaterThan(0);
    expect(suppressed.suppressedGroups).to.equal(small.length);
    expect(suppressed.rows.every((row) => (row[2] as number) >= k)).to.equal(true);
    expect(suppressed.rows.length + small.length).to.equal(unsuppressed.rows.length);
  });

  it('suppresses a whole-table aggregate over fewer than k matching rows', () => {
    const got = run(
      { where: [{ column: 'city', op: '=', value: 'Xianghe' }], aggregates: [{ fn: 'count' }] },
      5,
    );
    expect(got.rows).to.deep.equal([]);
    expect(got.suppressedGroups).to.equal(1);
  });

  it('orders rows and applies offset and limit', () => {
    const got = run({
      select: ['income'],
      where: [{ column: 'income', op: '>=', value: 0 }],
      orderBy: [{ column: 'income', direction: 'desc' }],
      offset: 2,
      limit: 3,
    });
    const want = rows
      .map((r) => r.income)
      .filter((v): v is number => v !== null)
      .sort((a, b) => b - a)
      .slice(2, 5)
      .map((v) => [v]);
    expect(got.rows).to.deep.equal(want);
  });

  it('treats hostile column names and values as data, never as code', () => {
    const hostile = table({ 'a"]);process.exit(1);//': [1, 2, 3], city: ['x', 'y', 'x'] });
    const hostileSchema = inferQuerySchema(hostile);
    const got = executeQuery(
      hostile,
      parseQuery(
        {
          where: [{ column: 'city', op: '=', value: "x' || true || '" }],
          groupBy: ['a"]);process.exit(1);//'],
          aggregates: [{ fn: 'sum', column: 'a"]);process.exit(1);//', as: '__proto__' }],
        },
        hostileSchema,
      ),
      { minimumGroupSize: 1 },
    );
    expect(got.rows).to.deep.equal([]);
    const all = executeQuery(
      hostile,
      parseQuery(
        {
          groupBy: ['city'],
          aggregates: [{ fn: 'sum', column: 'a"]);process.exit(1);//', as: '__proto__' }],
          orderBy: [{ column: 'city' }],
        },
        hostileSchema,
      ),
      { minimumGroupSize: 1 },
    );
    expect(all.columns).to.deep.equal(['city', '__proto__']);
    expect(all.rows).to.deep.equal([
      ['x', 4],
      ['y', 2],
    ]);
  });
});
