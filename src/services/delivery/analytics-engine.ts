// The gateway's one embedded DuckDB: buyer queries and downloads run on its threads, not the event loop.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBPreparedStatement,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlFragment } from '../../core/query/index.js';
import type { ServingConfig } from '../../config.js';

/** Prepared statements kept per pooled connection. */
const PREPARED_PER_CONNECTION = 64;

/** A JSON-ready value of an answer: DuckDB's BIGINT and HUGEINT become numbers, dates ISO text. */
export type AnswerValue = string | number | boolean | null;

/**
 * Opens DuckDB on first use (tests that never query start no engine), with the configured threads
 * and memory limit, spill files under the serving directory, no extension ever downloaded (Parquet,
 * CSV and JSON readers are built in), and no access to files but the ones the gateway names.
 * Connections are pooled: each runs one statement at a time, DuckDB runs several at once.
 */
export class AnalyticsEngine {
  private instance: Promise<DuckDBInstance> | undefined;
  private readonly idle: DuckDBConnection[] = [];
  /** Each connection's prepared statements by SQL text, least recently used first. */
  private readonly prepared = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  private closed = false;
  /**
   * Connections kept open between statements: as many as SERVING_ACCESSES_IN_FLIGHT's default
   * (four per core) lets run at once, and at least 8. Fewer, and a burst closes and reopens
   * connections, preparing their statements again, on every cycle (BENCHMARKS.md, serving).
   */
  private readonly idleConnections: number;

  constructor(private readonly config: ServingConfig) {
    this.idleConnections = Math.max(8, 4 * config.threads);
  }

  /** Runs `query` to completion and returns its rows (small answers: query results, totals). */
  async all(query: SqlFragment): Promise<AnswerValue[][]> {
    return this.withConnection(async (connection) => {
      const prepared = await this.preparedOn(connection, query.sql);
      try {
        prepared.bind([...query.params]);
        const reader = await prepared.runAndReadAll();
        return reader.getRowsJS().map((row) => row.map(toAnswerValue));
      } catch (error) {
        // A statement whose files changed under it is prepared afresh next time.
        this.forget(connection, query.sql);
        throw error;
      }
    });
  }

  /**
   * Streams `query`'s result chunk by chunk (≈2,048 rows each): the next chunk is fetched only
   * when the consumer asks for it, so a slow client holds back the engine instead of filling memory.
   */
  async *chunks(query: SqlFragment): AsyncGenerator<DuckDBDataChunk> {
    const connection = await this.acquire();
    let reusable = false;
    try {
      const result = await connection.stream(query.sql, [...query.params]);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        yield chunk;
      }
      reusable = true;
    } finally {
      // A stream abandoned half-way leaves its result pending on the connection: drop that one.
      if (reusable) this.release(connection);
      else this.closeConnection(connection);
    }
  }

  /** Runs a statement that returns nothing worth reading (COPY, SET). */
  async run(statement: SqlFragment): Promise<void> {
    await this.withConnection((connection) => connection.run(statement.sql, [...statement.params]));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.idle.splice(0)) this.closeConnection(connection);
    const instance = await this.instance;
    instance?.closeSync();
    this.instance = undefined;
  }

  /**
   * `sql` prepared on `connection`, kept for the next time: a buyer's repeated query (a dashboard,
   * a load test) skips DuckDB's parse and plan, which cost as much main-thread time as the answer.
   * Statements name only content-addressed files, so a kept plan never reads another artifact.
   */
  private async preparedOn(
    connection: DuckDBConnection,
    sql: string,
  ): Promise<DuckDBPreparedStatement> {
    let statements = this.prepared.get(connection);
    if (statements === undefined) this.prepared.set(connection, (statements = new Map()));
    const kept = statements.get(sql);
    if (kept !== undefined) {
      // Most recently used last, so the first is the one to drop.
      statements.delete(sql);
      statements.set(sql, kept);
      return kept;
    }
    const prepared = await connection.prepare(sql);
    statements.set(sql, prepared);
    if (statements.size > PREPARED_PER_CONNECTION) {
      const [oldest, statement] = statements.entries().next().value as [
        string,
        DuckDBPreparedStatement,
      ];
      statement.destroySync();
      statements.delete(oldest);
    }
    return prepared;
  }

  private forget(connection: DuckDBConnection, sql: string): void {
    const statements = this.prepared.get(connection);
    statements?.get(sql)?.destroySync();
    statements?.delete(sql);
  }

  private closeConnection(connection: DuckDBConnection): void {
    for (const statement of this.prepared.get(connection)?.values() ?? []) statement.destroySync();
    this.prepared.delete(connection);
    connection.closeSync();
  }

  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('the analytics engine is closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    this.instance ??= this.open();
    return (await this.instance).connect();
  }

  private release(connection: DuckDBConnection): void {
    if (this.closed || this.idle.length >= this.idleConnections) this.closeConnection(connection);
    else this.idle.push(connection);
  }

  private async open(): Promise<DuckDBInstance> {
    const spill = join(this.config.directory, 'spill');
    await mkdir(spill, { recursive: true, mode: 0o700 });
    return DuckDBInstance.create(':memory:', {
      threads: String(this.config.threads),
      memory_limit: `${this.config.memoryMb}MB`,
      temp_directory: spill,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'true',
    });
  }
}

function toAnswerValue(value: unknown): AnswerValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export type { DuckDBValue };
