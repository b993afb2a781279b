// The query engine keeps each connection's prepared statements: a repeated statement binds its
// new parameters (never a stale answer), a statement whose file changed under it is prepared
// afresh, and more statements than it keeps still all answer.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parameter, sql } from '../../../src/core/query/index.js';
import { AnalyticsEngine } from '../../../src/services/delivery/analytics-engine.js';

describe('services/delivery: the analytics engine', () => {
  let directory: string;
  let engine: AnalyticsEngine;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'anonex-analytics-'));
    engine = new AnalyticsEngine({ threads: 1, memoryMb: 256, cacheMb: 64, directory });
  });
  after(async () => {
    await engine.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a repeated statement with its new parameters', async () => {
    const doubled = async (value: number) =>
      (await engine.all(sql`select ${parameter(value)} * 2`))[0][0];
    expect([await doubled(1), await doubled(21), await doubled(-4)]).to.deep.equal([2, 42, -8]);
  });

  it('reads a file written again under the same name, and fails cleanly while it is missing', async () => {
    const file = join(directory, 'numbers.parquet');
    const write = (rows: number) =>
      engine.run({
        sql: `copy (select range as n from range(${rows})) to '${file}' (format parquet)`,
        params: [],
      });
    const count = async () =>
      (await engine.all({ sql: `select count(*) from read_parquet('${file}')`, params: [] }))[0][0];
    await write(3);
    expect(await count()).to.equal(3);
    rmSync(file);
    let failure: unknown;
    await count().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/numbers\.parquet/);
    await write(5);
    expect(await count()).to.equal(5);
  });

  it('answers more distinct statements than it keeps per connection', async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 80; i++)
      answers.push((await engine.all({ sql: `select ${i} + 0`, params: [] }))[0][0]);
    expect(answers).to.deep.equal(Array.from({ length: 80 }, (_, i) => i));
  });
});
