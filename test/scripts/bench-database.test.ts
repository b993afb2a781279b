// The benchmarks' database helper: every PostgreSQL gateway gets a schema no earlier run touched
// (a leftover ledger signed by another gateway's key stops a gateway), dropped afterwards.
import { expect } from 'chai';
import { benchDatabase } from '../../scripts/bench/_bench-database.js';
import { openDatabase } from '../../src/store/db.js';
import { testDatabaseUrl } from '../helpers/database.js';

describe('bench database (scripts/bench/_bench-database.ts)', () => {
  it('leaves SQLite to each DATA_DIR: no database environment, nothing to drop', async () => {
    const database = benchDatabase('');
    expect(database.postgres).to.equal(false);
    expect(database.label).to.equal('SQLite');
    expect(database.freshSchemaEnv()).to.deep.equal({});
    await database.drop();
    expect(benchDatabase('sqlite:/tmp/x.db').freshSchemaEnv()).to.deep.equal({});
  });

  it('gives each PostgreSQL gateway a fresh bench_ schema and drops them all', async function () {
    const url = testDatabaseUrl();
    if (url.startsWith('sqlite')) this.skip();
    const database = benchDatabase(url);
    expect(database.label).to.equal('PostgreSQL');
    const first = database.freshSchemaEnv();
    const second = database.freshSchemaEnv();
    expect(first.DATABASE_URL).to.equal(url);
    expect(first.DATABASE_SCHEMA).to.match(/^bench_[0-9a-f]{8}$/);
    expect(second.DATABASE_SCHEMA).to.not.equal(first.DATABASE_SCHEMA);
    const db = await openDatabase({ url });
    try {
      for (const env of [first, second])
        await db.raw('create schema ?? ; create table ??.t (x int)', [
          env.DATABASE_SCHEMA,
          env.DATABASE_SCHEMA,
        ]);
      await database.drop();
      const left = await db.raw('select nspname from pg_namespace where nspname in (?, ?)', [
        first.DATABASE_SCHEMA,
        second.DATABASE_SCHEMA,
      ]);
      expect(left.rows).to.deep.equal([]);
    } finally {
      await db.raw('drop schema if exists ?? cascade', [first.DATABASE_SCHEMA]);
      await db.raw('drop schema if exists ?? cascade', [second.DATABASE_SCHEMA]);
      await db.destroy();
    }
  });
});
