// The order key's reading of text: what a CSV copy's formula guard added is dropped, empty is null.
import { expect } from 'chai';
import { parameter, sql } from '../../../src/core/query/index.js';
import { AnalyticsEngine } from '../../../src/services/delivery/analytics-engine.js';
import { orderText } from '../../../src/services/delivery/keyed-row-order.js';

/** The rule, written plainly: a `'` before a formula's first character is the CSV guard's. */
function naiveOrderText(text: string | null): string | null {
  if (text === null || text === '') return null;
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

describe('services/delivery orderText', () => {
  const engine = new AnalyticsEngine({ threads: 1, memoryMb: 128, cacheMb: 16, directory: '' });
  after(() => engine.close());

  it('agrees with the naive rule on guarded, unguarded, short and empty text', async () => {
    const cases = [
      "'=1+1",
      "'+x",
      "'-y",
      "'@z",
      "'\tt",
      "'\rr",
      "'a",
      "'",
      "''=",
      '=raw',
      '',
      '和平区',
      "'和",
      null,
    ];
    for (const text of cases) {
      const [[got]] = await engine.all(
        sql`SELECT ${orderText(text === null ? sql`CAST(NULL AS VARCHAR)` : sql`CAST(${parameter(text)} AS VARCHAR)`)}`,
      );
      expect(got, JSON.stringify(text)).to.equal(naiveOrderText(text));
    }
  });
});
