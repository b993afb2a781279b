import { expect } from 'chai';
import { formatResultCell, ORDER_BY_AGGREGATE, queryFromForm } from '../../src/web/query-form.js';

describe('web/query builder form', () => {
  const cases = [
    {
      desc: 'sorts a count by its result',
      form: { groupBy: 'department', orderBy: ORDER_BY_AGGREGATE, direction: 'desc' },
      want: {
        groupBy: ['department'],
        aggregates: [{ fn: 'count', as: 'n' }],
        orderBy: [{ column: 'n', direction: 'desc' }],
      },
    },
    {
      desc: 'sorts an average by its result',
      form: {
        groupBy: 'sex',
        aggregate: 'avg',
        aggregateColumn: 'cost_yuan',
        orderBy: ORDER_BY_AGGREGATE,
      },
      want: {
        groupBy: ['sex'],
        aggregates: [{ fn: 'avg', column: 'cost_yuan', as: 'avg_cost_yuan' }],
        orderBy: [{ column: 'avg_cost_yuan', direction: 'asc' }],
      },
    },
    {
      desc: 'drops a sort by the aggregate when there is none',
      form: { select: ['sex'], orderBy: ORDER_BY_AGGREGATE },
      want: { select: ['sex'] },
    },
    {
      desc: 'still sorts by a column',
      form: { groupBy: 'sex', orderBy: 'sex', direction: 'asc' },
      want: {
        groupBy: ['sex'],
        aggregates: [{ fn: 'count', as: 'n' }],
        orderBy: [{ column: 'sex', direction: 'asc' }],
      },
    },
  ];
  for (const { desc, form, want } of cases) {
    it(desc, () => {
      expect(queryFromForm(form)).to.deep.equal(want);
    });
  }

  it('rounds fractional results for display, leaving integers and text alone', () => {
    expect(formatResultCell(186.57000000000025)).to.equal('186.57');
    expect(formatResultCell(3.14159)).to.equal('3.14');
    expect(formatResultCell(1975)).to.equal('1975');
    expect(formatResultCell('口腔科')).to.equal('口腔科');
    expect(formatResultCell(null)).to.equal('');
  });
});
