// The main thread's side of one SQLite read thread: sends a statement, resolves with its answer.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from './module-worker.js';

/** The read thread's workerData. */
export interface ReadThreadData {
  readonly filename: string;
}

export interface ReadRequest {
  /** Matches the reply to its request (1, 2, …; 0 is the thread's ready signal). */
  readonly id: number;
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

export type ReadReply =
  | { readonly id: number; readonly kind: 'ready' }
  | { readonly id: number; readonly kind: 'rows'; readonly rows: unknown[] }
  | {
      readonly id: number;
      readonly kind: 'run';
      readonly changes: number;
      readonly lastInsertRowid: number;
    }
  | {
      readonly id: number;
      readonly kind: 'error';
      readonly message: string;
      readonly code: string | null;
    };

/** A failure SQLite reported in the read thread, with its code (SQLITE_READONLY, …). */
export class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'SqliteReadError';
  }
}

type Pending = {
  resolve: (reply: Exclude<ReadReply, { kind: 'error' | 'ready' }>) => void;
  reject: (error: Error) => void;
};

/** One worker holding one query-only connection; statements run one after another, in order. */
export class SqliteReadThread {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ReadReply) => {
      const waiting = this.pending.get(reply.id);
      if (waiting === undefined) return;
      this.pending.delete(reply.id);
      if (reply.kind === 'error') waiting.reject(new SqliteReadError(reply.message, reply.code));
      else if (reply.kind !== 'ready') waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite read thread exited (code ${code})`)));
  }

  /** Starts a thread on `filename` (a database the writer has already put in WAL mode). */
  static start(filename: string): Promise<SqliteReadThread> {
    const worker = startModuleWorker(new URL('./sqlite-read-thread-entry.js', import.meta.url), {
      workerData: { filename } satisfies ReadThreadData,
    });
    return new Promise((resolve, reject) => {
      const onReady = (reply: ReadReply) => {
        if (reply.kind !== 'ready') return;
        worker.off('message', onReady);
        worker.off('error', reject);
        resolve(new SqliteReadThread(worker));
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
  }

  /** Whether the thread can still answer (knex's pool drops a connection that cannot). */
  get healthy(): boolean {
    return this.failure === null;
  }

  run(sql: string, bindings: readonly unknown[]) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Exclude<ReadReply, { kind: 'error' | 'ready' }>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql, bindings } satisfies ReadRequest);
    });
  }

  /** Closes the connection and lets the thread end. */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    await exited;
  }
}
