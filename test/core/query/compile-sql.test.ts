// The query compiler: names only as quoted identifiers, values only as parameters, k in HAVING.
import { expect } from 'chai';
import {
  compileQuery,
  parseQuery,
  quoteIdentifier,
  sql,
  unusedName,
} from '../../../src/core/query/index.js';

const hostile = 'x"; DROP TABLE t; --';
const schema = {
  columns: [
    { name: hostile, type: 'string' as const },
    { name: 'n', type: 'number' as const },
  ],
};
const source = sql`SELECT * FROM t`;

describe('core/query compileQuery', () => {
  it('quotes names and binds every value, so no request text becomes SQL', () => {
    const value = "'; DELETE FROM t; --";
    const parsed = parseQuery(
      {
        where: [
          { column: hostile, op: '=', value },
          { column: 'n', op: 'between', value: [1, 9] },
        ],
        groupBy: [hostile],
        aggregates: [{ fn: 'sum', column: 'n', as: 'total' }],
        limit: 7,
      },
      schema,
    );
    const { rows, totals } = compileQuery(parsed, { minimumGroupSize: 5, source });
    expect(rows.sql).to.include(quoteIdentifier(hostile));
    expect(rows.sql).to.include('"x""; DROP TABLE t; --"');
    expect(rows.sql).to.not.include(value);
    expect(rows.sql).to.include('HAVING count(*) >= ?');
    expect(rows.params).to.deep.equal([value, 1, 9, 5, 7, 0]);
    expect(totals.params).to.deep.equal([5, value, 1, 9]);
    expect((rows.sql.match(/\?/g) ?? []).length).to.equal(rows.params.length);
  });

  it('refuses a name that cannot be quoted', () => {
    expect(() => quoteIdentifier('a\u0000b'))
      .to.throw()
      .with.property('code', 'query_invalid');
  });
});

describe('core/query unusedName', () => {
  it('keeps the base when free, else takes the first free numbered name', () => {
    expect(unusedName('anonex_row', new Set(['zone']))).to.equal('anonex_row');
    expect(unusedName('anonex_row', new Set(['anonex_row', 'anonex_row_1']))).to.equal(
      'anonex_row_2',
    );
  });
});
