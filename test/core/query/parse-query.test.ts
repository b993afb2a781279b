// Query validation: every refusal names the JSON path of the bad field.
import { expect } from 'chai';
import { parseQuery, QueryError, type QuerySchema } from '../../../src/core/query/index.js';

const schema: QuerySchema = {
  columns: [
    { name: 'city', type: 'string' },
    { name: 'age_band', type: 'string' },
    { name: 'income', type: 'number' },
    { name: 'insured', type: 'boolean' },
  ],
};

function issuesOf(input: unknown): { field: string; reason: string }[] {
  try {
    parseQuery(input, schema, { maxRows: 100, maxInValues: 3 });
  } catch (error) {
    expect(error).to.be.instanceOf(QueryError);
    expect((error as QueryError).code).to.equal('query_invalid');
    return [...(error as QueryError).issues];
  }
  throw new Error('expected the query to be refused');
}

describe('core/query parseQuery', () => {
  const refused: { desc: string; input: unknown; fields: string[] }[] = [
    { desc: 'not an object', input: [], fields: ['$'] },
    { desc: 'an unknown top-level field', input: { project: ['city'] }, fields: ['$.project'] },
    { desc: 'an unknown column in select', input: { select: ['name'] }, fields: ['$.select[0]'] },
    { desc: 'a column selected twice', input: { select: ['city', 'city'] }, fields: ['$.select'] },
    {
      desc: 'an unknown operator',
      input: { where: [{ column: 'city', op: 'like', value: 'a%' }] },
      fields: ['$.where[0].op'],
    },
    {
      desc: 'an unknown column in a filter',
      input: { where: [{ column: 'ssn', op: '=', value: 'x' }] },
      fields: ['$.where[0].column'],
    },
    {
      desc: 'a string compared with a number column',
      input: {
        where: [
          { column: 'city', op: '=', value: 'Tianjin' },
          { column: 'income', op: '<', value: '100' },
        ],
      },
      fields: ['$.where[1].value'],
    },
    {
      desc: 'an order comparison on a boolean',
      input: { where: [{ column: 'insured', op: '>', value: true }] },
      fields: ['$.where[0].op'],
    },
    {
      desc: 'in with an empty list',
      input: { where: [{ column: 'city', op: 'in', value: [] }] },
      fields: ['$.where[0].value'],
    },
    {
      desc: 'in with too many values',
      input: { where: [{ column: 'city', op: 'in', value: ['a', 'b', 'c', 'd'] }] },
      fields: ['$.where[0].value'],
    },
    {
      desc: 'in with a value of the wrong type',
      input: { where: [{ column: 'city', op: 'in', value: ['a', 2] }] },
      fields: ['$.where[0].value[1]'],
    },
    {
      desc: 'between with one bound',
      input: { where: [{ column: 'income', op: 'between', value: [1] }] },
      fields: ['$.where[0].value'],
    },
    {
      desc: 'between with reversed bounds',
      input: { where: [{ column: 'income', op: 'between', value: [9, 1] }] },
      fields: ['$.where[0].value'],
    },
    {
      desc: 'prefix on a number column',
      input: { where: [{ column: 'income', op: 'prefix', value: '1' }] },
      fields: ['$.where[0].op'],
    },
    {
      desc: 'sum over a string column',
      input: { groupBy: ['city'], aggregates: [{ fn: 'sum', column: 'age_band' }] },
      fields: ['$.aggregates[0].column'],
    },
    {
      desc: 'an unknown aggregate function',
      input: { aggregates: [{ fn: 'median', column: 'income' }] },
      fields: ['$.aggregates[0].fn'],
    },
    {
      desc: 'an alias that is not a plain name',
      input: { aggregates: [{ fn: 'count', as: 'n; drop' }] },
      fields: ['$.aggregates[0].as'],
    },
    {
      desc: 'an alias clashing with a group-by column',
      input: { groupBy: ['city'], aggregates: [{ fn: 'count', as: 'city' }] },
      fields: ['$.aggregates[0].as'],
    },
    {
      desc: 'a raw column selected in an aggregate query',
      input: { select: ['income'], groupBy: ['city'], aggregates: [{ fn: 'count' }] },
      fields: ['$.select[0]'],
    },
    {
      desc: 'ordering an aggregate query by a raw column',
      input: { groupBy: ['city'], orderBy: [{ column: 'income' }] },
      fields: ['$.orderBy[0].column'],
    },
    {
      desc: 'a bad direction',
      input: { orderBy: [{ column: 'city', direction: 'up' }] },
      fields: ['$.orderBy[0].direction'],
    },
    { desc: 'limit above the maximum', input: { limit: 101 }, fields: ['$.limit'] },
    { desc: 'a fractional offset', input: { offset: 1.5 }, fields: ['$.offset'] },
    {
      desc: 'several problems at once, each named',
      input: { select: ['nope'], where: [{ column: 'city', op: '<>' }], limit: 0 },
      fields: ['$.where[0].op', '$.select[0]', '$.limit'],
    },
  ];
  for (const { desc, input, fields } of refused) {
    it(`refuses ${desc}`, () => {
      expect(issuesOf(input).map((issue) => issue.field)).to.deep.equal(fields);
    });
  }

  it('accepts unicode operators and fills defaults', () => {
    const parsed = parseQuery(
      {
        where: [
          { column: 'income', op: '≥', value: 10 },
          { column: 'city', op: '≠', value: 'x' },
        ],
      },
      schema,
    );
    expect(parsed.where).to.deep.equal([
      { kind: 'comparison', column: 'income', op: '>=', value: 10 },
      { kind: 'comparison', column: 'city', op: '!=', value: 'x' },
    ]);
    expect(parsed.select).to.deep.equal(['city', 'age_band', 'income', 'insured']);
    expect(parsed).to.include({ aggregated: false, limit: 10_000, offset: 0 });
  });

  it('names aggregates by function and column when no alias is given', () => {
    const parsed = parseQuery(
      { groupBy: ['city'], aggregates: [{ fn: 'count' }, { fn: 'avg', column: 'income' }] },
      schema,
    );
    expect(parsed.select).to.deep.equal(['city', 'count', 'avg_income']);
  });
});
