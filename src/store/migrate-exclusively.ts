// Runs the migrations so that several gateways starting at once on one PostgreSQL database take
// turns: knex's own lock table is created racily on a fresh database, so a transaction-scoped
// advisory lock is held while one process migrates, and the others then find nothing to do.
import type { Database } from './db.js';
import { isPostgres } from './db.js';
import { migrateToLatest } from './migrate.js';

/** Arbitrary but fixed: "anon" in ASCII. Advisory locks are per database, shared by every schema. */
const MIGRATION_LOCK_KEY = 0x616e6f6e;

/** Applies every pending migration; returns the names applied by this process. */
export async function migrateExclusively(db: Database): Promise<string[]> {
  if (!isPostgres(db)) return migrateSqliteRetrying(db);
  // The lock lives in a transaction on one pooled connection while the migrator uses others;
  // committing (or a crash) releases it.
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    return migrateToLatest(db);
  });
}

const SQLITE_ATTEMPTS = 5;
const SQLITE_RETRY_MS = 100;

/**
 * SQLite has no advisory locks; a second process (say `anonex admin` beside a starting `serve`)
 * that loses the race to create the migration tables retries once the winner has made them.
 */
async function migrateSqliteRetrying(db: Database): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateToLatest(db);
    } catch (error) {
      if (attempt >= SQLITE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, SQLITE_RETRY_MS * attempt));
    }
  }
}
