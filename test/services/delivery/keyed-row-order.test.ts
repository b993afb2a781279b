// The order key's reading of text: what a CSV copy's formula guard added is dropped, empty is null; order-plain columns skip it.
import { expect } from 'chai';
import { join } from 'node:path';
import { identifier, parameter, sql } from '../../../src/core/query/index.js';
import { AnalyticsEngine } from '../../../src/services/delivery/analytics-engine.js';
import {
  keyedRowOrder,
  orderText,
  type KeyedColumn,
} from '../../../src/services/delivery/keyed-row-order.js';
import {
  describeServingCopy,
  pathLiteral,
} from '../../../src/services/delivery/served-artifact.js';
import { writeServingCopy } from '../../../src/services/delivery/serving-copy.js';
import { useScratchEngine } from '../../helpers/scratch-engine.js';

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

describe('services/delivery keyedRowOrder on columns described as order-plain', () => {
  const { engine, directory } = useScratchEngine('anonex-order-plain-');

  it('flags only columns orderText leaves alone, and keys them as with orderText', async () => {
    const artifact = join(directory(), 'release.parquet');
    const serving = join(directory(), 'release.serving.parquet');
    await engine.run(
      sql`COPY (SELECT * FROM (VALUES ('和平区', 'a', 'x', 1.5, DATE '2024-01-02'), ('=1', '', '''=cmd', NULL, NULL), ('b', 'c', '''plain', 2.0, DATE '2024-03-04')) AS t(plain, empty, guarded, cost, seen)) TO ${pathLiteral(artifact)} (FORMAT parquet)`,
    );
    await writeServingCopy(engine, artifact, 'parquet', serving);
    const { columns, ordinal } = await describeServingCopy(engine, serving);
    expect(columns.map(({ name, orderPlain }) => [name, orderPlain])).to.deep.equal([
      ['plain', true],
      ['empty', false],
      ['guarded', false],
      ['cost', true],
      ['seen', true],
    ]);
    const key = Buffer.alloc(32, 7);
    const keys = async (keyed: readonly KeyedColumn[]) =>
      engine.all(
        sql`SELECT CAST(${keyedRowOrder(key, keyed)} AS VARCHAR) FROM read_parquet(${pathLiteral(serving)}) ORDER BY ${identifier(ordinal)}`,
      );
    // The reference reads every text column through orderText.
    const reference = await keys(columns.map((column) => ({ ...column, orderPlain: false })));
    expect(await keys(columns)).to.deep.equal(reference);
    // A column flagged wrongly would key differently: the flag matters where orderText acts.
    expect(
      await keys(columns.map((column) => ({ ...column, orderPlain: true }))),
    ).to.not.deep.equal(reference);
  });
});
