// A consistent copy of the embedded SQLite database while gateways keep writing to it.
import type { Database } from '../db.js';

/**
 * Writes the database as one new SQLite file at `path` (which must not exist) with `VACUUM INTO`:
 * it runs as one read transaction, so in WAL mode the gateways keep writing meanwhile and the copy
 * is the database as of one commit, compacted, with no WAL beside it.
 */
export async function snapshotSqlite(db: Database, path: string): Promise<void> {
  await db.raw('VACUUM INTO ?', [path]);
}

/** The file of a `sqlite:<path>` URL; undefined for an in-memory database. */
export function sqliteFileOf(url: string): string | undefined {
  const file = url.slice('sqlite:'.length);
  return file === ':memory:' ? undefined : file;
}
