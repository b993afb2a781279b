// A fresh, migrated database per test file: SQLite in memory by default, or a new PostgreSQL
// schema when DATABASE_URL is a postgres URL (so concurrent runs never see each other's rows).
import { randomBytes } from 'node:crypto';
import { openDatabase, databaseKind, type Database } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';

export interface TestDatabase {
  readonly db: Database;
  readonly kind: 'sqlite' | 'postgres';
  destroy(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  return url && databaseKind(url) === 'postgres' ? url : 'sqlite::memory:';
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const kind = databaseKind(url);
  const schema = kind === 'postgres' ? `test_${randomBytes(6).toString('hex')}` : undefined;
  const db = await openDatabase({ url, schema });
  await migrateToLatest(db);
  return {
    db,
    kind,
    async destroy() {
      if (schema) await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    },
  };
}
