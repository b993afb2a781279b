import { expect } from 'chai';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { isFullyMigrated, migrateToLatest } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';

describe('store/migrate', () => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await createTestDatabase();
  });
  after(async () => testDb.destroy());

  it('applies every migration from empty and reports the database ready', async () => {
    expect(await isFullyMigrated(testDb.db)).to.equal(true);
    const rows = await testDb.db('schema_migrations').select('name').orderBy('id');
    expect(rows.map((row: { name: string }) => row.name)).to.deep.equal(
      migrations.map((m) => m.name),
    );
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(testDb.db)).to.deep.equal([]);
  });
});
