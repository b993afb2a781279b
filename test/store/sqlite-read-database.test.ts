import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import {
  closeReadDatabase,
  openDatabase,
  openReadDatabase,
  type Database,
} from '../../src/store/db.js';
import { READ_THREAD_IDLE_MS } from '../../src/store/sqlite-read-database.js';
import { SqliteReadError } from '../../src/store/sqlite-read-thread.js';

describe('store/sqlite-read-database: SQLite reads in worker threads', function () {
  this.timeout(30_000);
  let dir: string;
  let url: string;
  let db: Database;
  let readDb: Database;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anonex-read-db-'));
    url = `sqlite:${join(dir, 'anonex.sqlite')}`;
    db = await openDatabase({ url });
    await db.schema.createTable('items', (table) => {
      table.increments('id');
      table.string('name').notNullable();
      table.bigInteger('size_bytes');
      table.boolean('listed');
    });
    readDb = openReadDatabase(db, url, 2);
  });

  after(async () => {
    await closeReadDatabase(readDb, db);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a separate pool on a SQLite file, and the database itself elsewhere', async () => {
    expect(readDb).to.not.equal(db);
    const pool = (readDb.client as { pool: { max: number; idleTimeoutMillis: number } }).pool;
    expect(pool).to.include({ max: 2, idleTimeoutMillis: READ_THREAD_IDLE_MS });
    const memory = await openDatabase({ url: 'sqlite::memory:' });
    try {
      expect(openReadDatabase(memory, 'sqlite::memory:', 2)).to.equal(memory);
    } finally {
      await memory.destroy();
    }
    const postgres = { kind: 'postgres' } as unknown as Database;
    expect(openReadDatabase(postgres, 'postgres://nobody@127.0.0.1:1/none', 2)).to.equal(postgres);
  });

  it('sees every write the main connection committed, with its values as stored', async () => {
    await db('items').insert({ name: 'first', size_bytes: 2 ** 40, listed: true });
    expect(await readDb('items').select('name', 'size_bytes', 'listed')).to.deep.equal([
      { name: 'first', size_bytes: 2 ** 40, listed: 1 },
    ]);
    await db('items').insert({ name: 'second', size_bytes: null, listed: false });
    const rows = await readDb('items').where({ listed: false }).select('name', 'size_bytes');
    expect(rows).to.deep.equal([{ name: 'second', size_bytes: null }]);
    const [{ count }] = (await readDb('items').count({ count: '*' })) as [{ count: number }];
    expect(count).to.equal(2);
  });

  it('does not see a write still inside an open transaction', async () => {
    await db.transaction(async (trx) => {
      await trx('items').insert({ name: 'pending', size_bytes: 1, listed: true });
      expect(await readDb('items').where({ name: 'pending' })).to.deep.equal([]);
    });
    expect(await readDb('items').where({ name: 'pending' }).select('name')).to.deep.equal([
      { name: 'pending' },
    ]);
  });

  it('runs read transactions and refuses writes (query_only)', async () => {
    const names = await readDb.transaction((trx) => trx('items').orderBy('id').pluck('name'));
    expect(names).to.deep.equal(['first', 'second', 'pending']);
    const error = await readDb('items')
      .insert({ name: 'not here', size_bytes: 1, listed: true })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(SqliteReadError);
    expect((error as SqliteReadError).code).to.equal('SQLITE_READONLY');
    expect(await db('items').where({ name: 'not here' })).to.deep.equal([]);
  });

  it('reports a bad statement as the error SQLite gave, and keeps answering', async () => {
    const error = await readDb.raw('select * from no_such_table').then(
      () => null,
      (caught: unknown) => caught,
    );
    expect((error as SqliteReadError).code).to.equal('SQLITE_ERROR');
    expect(await readDb('items').count({ count: '*' })).to.deep.equal([{ count: 3 }]);
  });

  it('leaves the event loop free while a long read runs', async () => {
    // A statement that keeps SQLite busy for a while: on the main thread the loop would stand
    // still until it finished (one gap as long as the read); in a read thread it keeps ticking.
    const slow = readDb.raw(
      'with recursive c(x) as (select 1 union all select x + 1 from c where x < 4000000) select count(*) as n from c',
    );
    let lastTickMs = performance.now();
    let longestGapMs = 0;
    const timer = setInterval(() => {
      const nowMs = performance.now();
      longestGapMs = Math.max(longestGapMs, nowMs - lastTickMs);
      lastTickMs = nowMs;
    }, 5);
    const startedMs = performance.now();
    const [row] = (await slow) as [{ n: number }];
    const elapsedMs = performance.now() - startedMs;
    clearInterval(timer);
    expect(row.n).to.equal(4_000_000);
    expect(elapsedMs, 'the statement should take long enough to tell').to.be.above(100);
    expect(longestGapMs).to.be.below(elapsedMs / 2);
  });

  it('reads SQLITE_READ_THREADS (default 2), a positive integer', () => {
    expect(loadConfig({}).sqliteReadThreads).to.equal(2);
    expect(loadConfig({ SQLITE_READ_THREADS: '4' }).sqliteReadThreads).to.equal(4);
    expect(() => loadConfig({ SQLITE_READ_THREADS: '0' })).to.throw(/SQLITE_READ_THREADS/);
  });
});
