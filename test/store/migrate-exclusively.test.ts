import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/store/db.js';
import { isFullyMigrated } from '../../src/store/migrate.js';
import { migrateExclusively } from '../../src/store/migrate-exclusively.js';
import { migrations } from '../../src/store/migrations/index.js';
import { testDatabaseUrl } from '../helpers/database.js';

describe(`store/migrate-exclusively (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  const url = testDatabaseUrl();
  const postgres = !url.startsWith('sqlite:');
  const schema = postgres ? `test_${randomBytes(6).toString('hex')}` : undefined;
  let directory: string | undefined;
  let first: Database;
  let second: Database;
  before(async () => {
    // Two pools on one fresh database, as two gateway processes would have.
    directory = postgres ? undefined : mkdtempSync(join(tmpdir(), 'anonex-migrate-'));
    const target = directory ? `sqlite:${join(directory, 'anonex.sqlite')}` : url;
    first = await openDatabase({ url: target, schema });
    second = await openDatabase({ url: target, schema });
  });
  after(async () => {
    if (schema) await first.raw('drop schema if exists ?? cascade', [schema]);
    await first.destroy();
    await second.destroy();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('two processes migrating a fresh database at once both succeed, applying each migration once', async () => {
    const [appliedByFirst, appliedBySecond] = await Promise.all([
      migrateExclusively(first),
      migrateExclusively(second),
    ]);
    expect([...appliedByFirst, ...appliedBySecond].sort()).to.deep.equal(
      migrations.map((m) => m.name).sort(),
    );
    expect(await isFullyMigrated(first)).to.equal(true);
    expect(await isFullyMigrated(second)).to.equal(true);
  });
});
