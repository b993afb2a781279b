// Opens the knex connection for either backend and applies the pragmas the embedded default needs.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import { openSqliteReadDatabase } from './sqlite-read-database.js';

export type Database = Knex;
export type Transaction = Knex.Transaction;
/** Either the database or a transaction: repositories accept both. */
export type Queryable = Knex | Knex.Transaction;

// int8 columns (millisecond timestamps, counts) come back from pg as strings by default;
// every value we store fits in 2^53, so parse them as numbers on both backends alike.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  /** `sqlite:<path>`, `sqlite::memory:`, or a postgres:// URL. */
  readonly url: string;
  /** PostgreSQL schema to use (created when missing). */
  readonly schema?: string;
  /** PostgreSQL: most connections the pool opens (DATABASE_POOL_MAX); default 10. */
  readonly poolMax?: number;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`unsupported DATABASE_URL scheme: want sqlite:<path> or postgres://…`);
}

/** Opens a connection pool; the caller runs migrations (see migrate.ts) and destroys it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (databaseKind(options.url) === 'postgres') {
    const schema = options.schema;
    const db = knexFactory({
      client: 'pg',
      connection: options.url,
      searchPath: schema ? [schema] : undefined,
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    if (schema) await db.raw('create schema if not exists ??', [schema]);
    return db;
  }
  const filename = options.url.slice('sqlite:'.length);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // WAL lets readers run beside the writer; busy_timeout waits for a lock instead of failing.
      afterCreate: (
        connection: { pragma(sql: string): unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) => {
        try {
          connection.pragma('journal_mode = WAL');
          connection.pragma('foreign_keys = ON');
          connection.pragma('busy_timeout = 5000');
          connection.pragma('synchronous = NORMAL');
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
  });
}

/**
 * The connection pool for reads outside a transaction. SQLite in a file: query-only connections in
 * `readThreads` worker threads (WAL: they see every committed write, the main connection keeps the
 * writes); PostgreSQL already queries off the event loop, and an in-memory SQLite database has no
 * second connection, so both read through `db` itself. Close it with `closeReadDatabase`.
 */
export function openReadDatabase(db: Database, url: string, readThreads: number): Database {
  if (databaseKind(url) !== 'sqlite') return db;
  const filename = url.slice('sqlite:'.length);
  if (filename === ':memory:') return db;
  return openSqliteReadDatabase({ filename, threads: readThreads });
}

/** Closes what openReadDatabase opened (nothing when it handed back `db` itself). */
export async function closeReadDatabase(readDb: Database, db: Database): Promise<void> {
  if (readDb !== db) await readDb.destroy();
}

/** Resolves when the database answers a trivial query (readiness); rejects when it cannot. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.raw('select 1');
}

export function isPostgres(db: Queryable): boolean {
  return db.client.config.client === 'pg';
}

/**
 * The ids a multi-row `INSERT … RETURNING id` gave, in the order of its rows: both backends assign
 * them in VALUES order within one statement, whatever order they list them in, so sorting restores it.
 */
export function returnedIds(rows: readonly unknown[]): number[] {
  return rows
    .map((row) =>
      Number(typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row),
    )
    .sort((a, b) => a - b);
}

/** A compiled write statement, to run alone or as one part of `writeTogether`. */
export interface WritePart {
  /** With `?` placeholders, as knex's toSQL gives it. */
  readonly sql: string;
  readonly bindings: readonly Knex.Value[];
  /** The name a later part reads this part's RETURNING rows by (PostgreSQL only). */
  readonly name?: string;
}

/** `query` compiled as a part of `writeTogether`; undefined stays undefined (nothing to write). */
export function writePart(
  query: Knex.QueryBuilder | undefined,
  name?: string,
): WritePart | undefined {
  if (query === undefined) return undefined;
  const { sql, bindings } = query.toSQL();
  return { sql, bindings, ...(name === undefined ? {} : { name }) };
}

/**
 * Runs independent writes whose results the caller does not need: on PostgreSQL as one statement
 * (each a data-modifying WITH part, one round trip for all; constraints are checked at its end,
 * so a row may reference one inserted by an earlier part), elsewhere one after the other.
 */
export async function writeTogether(
  trx: Queryable,
  parts: readonly (WritePart | undefined)[],
): Promise<void> {
  const present = parts.filter((part): part is WritePart => part !== undefined);
  if (!isPostgres(trx) || present.length === 1) {
    for (const part of present) await trx.raw(part.sql, [...part.bindings]);
    return;
  }
  if (present.length === 0) return;
  const withParts = present.map(
    (part, index) => `${part.name ?? `part_${index}`} as (${part.sql})`,
  );
  await trx.raw(
    `with ${withParts.join(', ')} select 1`,
    present.flatMap((part) => part.bindings),
  );
}
