// A knex instance whose statements run on query-only SQLite connections in worker threads: the
// repositories' reads work unchanged, and a heavy one (a catalog page) never blocks the event loop.
import { createRequire } from 'node:module';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { SqliteReadThread } from './sqlite-read-thread.js';

// knex's own better-sqlite3 dialect compiles SQL and maps answers; only where a statement runs
// changes. It ships no type declarations of its own, so it is typed as the base client it extends.
const BetterSqlite3Client = createRequire(import.meta.url)(
  'knex/lib/dialects/better-sqlite3/index.js',
) as typeof Knex.Client;

/** knex's query object as the dialect's `_query` receives and returns it. */
interface DialectQuery {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
  context?: { lastID: number; changes: number };
}

class ThreadedSqliteClient extends BetterSqlite3Client {
  override async acquireRawConnection(): Promise<SqliteReadThread> {
    const { filename } = this.connectionSettings as { filename: string };
    return SqliteReadThread.start(filename);
  }

  override async destroyRawConnection(connection: SqliteReadThread): Promise<void> {
    await connection.close();
  }

  override async validateConnection(connection: SqliteReadThread): Promise<boolean> {
    return connection.healthy;
  }

  async _query(connection: SqliteReadThread, query: DialectQuery): Promise<DialectQuery> {
    if (!query.sql) throw new Error('The query is empty');
    // Dates and booleans as the better-sqlite3 dialect binds them (what the writer stored).
    const bindings = (query.bindings ?? []).map((binding) =>
      binding instanceof Date
        ? binding.valueOf()
        : typeof binding === 'boolean'
          ? Number(binding)
          : binding,
    );
    const reply = await connection.run(query.sql, bindings);
    if (reply.kind === 'rows') {
      query.response = reply.rows;
    } else {
      query.response = { changes: reply.changes, lastInsertRowid: reply.lastInsertRowid };
      query.context = { lastID: reply.lastInsertRowid, changes: reply.changes };
    }
    return query;
  }
}

/** How long an idle read thread is kept before the pool closes it. */
export const READ_THREAD_IDLE_MS = 60 * 60 * 1000;

export interface SqliteReadDatabaseOptions {
  /** The database file (not `:memory:`: another connection would see another database). */
  readonly filename: string;
  /** How many read threads (connections) at most. */
  readonly threads: number;
}

/**
 * Opens the read side of a SQLite database the caller has already opened and migrated (its file in
 * WAL mode). Rows come back as the main connection returns them, except BLOB columns, which arrive
 * as Uint8Array (a Buffer does not survive the thread boundary as a Buffer).
 */
export function openSqliteReadDatabase(options: SqliteReadDatabaseOptions): Knex {
  return knexFactory({
    client: ThreadedSqliteClient,
    connection: { filename: options.filename },
    useNullAsDefault: true,
    // An idle thread costs nothing, but starting one does (a worker and a connection): keep them
    // for an hour rather than knex's 30 s, so a catalog after a quiet minute does not wait.
    pool: { min: 0, max: options.threads, idleTimeoutMillis: READ_THREAD_IDLE_MS },
  });
}
