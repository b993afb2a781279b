import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/store/db.js';

describe('store/db: the PostgreSQL pool size (DATABASE_POOL_MAX)', () => {
  const cases: { desc: string; env: Record<string, string>; want: number }[] = [
    { desc: 'default', env: {}, want: 20 },
    { desc: 'set', env: { DATABASE_POOL_MAX: '64' }, want: 64 },
  ];
  for (const { desc, env, want } of cases) {
    it(`opens a pool of at most ${want} connections (${desc})`, async () => {
      const config = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env });
      expect(config.databasePoolMax).to.equal(want);
      // No query is made, so no connection is opened: the pool is only configured.
      const db = await openDatabase({ url: config.databaseUrl, poolMax: config.databasePoolMax });
      try {
        expect((db.client as { pool: { max: number } }).pool.max).to.equal(want);
      } finally {
        await db.destroy();
      }
    });
  }

  it('refuses a pool size that is not a positive integer', () => {
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).to.throw(/DATABASE_POOL_MAX/);
  });
});
