// Inside a worker thread: one query-only SQLite connection answering the statements the main
// thread's read client sends it, so a heavy read never runs on the gateway's event loop.
import Sqlite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadReply, ReadRequest, ReadThreadData } from './sqlite-read-thread.js';

const port = parentPort;
if (port === null) throw new Error('sqlite-read-thread-entry must run in a worker thread');
const { filename } = workerData as ReadThreadData;

const connection = new Sqlite(filename, { fileMustExist: true });
// The writer put the file in WAL mode, so this reader sees the last committed state without
// blocking it; query_only makes an accidental write fail here instead of racing the writer.
connection.pragma('busy_timeout = 5000');
connection.pragma('query_only = ON');

/** Prepared statements by SQL text: a page of the catalog is the same few statements again and again. */
const statements = new Map<string, Sqlite.Statement>();
const MAX_STATEMENTS = 256;

function prepared(sql: string): Sqlite.Statement {
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = connection.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement;
}

function answer(request: ReadRequest): ReadReply {
  try {
    const statement = prepared(request.sql);
    if (statement.reader)
      return { id: request.id, kind: 'rows', rows: statement.all(request.bindings) };
    // BEGIN / COMMIT of a read transaction; anything that writes fails under query_only.
    const result = statement.run(request.bindings);
    return {
      id: request.id,
      kind: 'run',
      changes: result.changes,
      lastInsertRowid: Number(result.lastInsertRowid),
    };
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    return { id: request.id, kind: 'error', message, code: code ?? null };
  }
}

port.on('message', (request: ReadRequest | 'close') => {
  if (request === 'close') {
    connection.close();
    port.close();
    return;
  }
  port.postMessage(answer(request));
});
port.postMessage({ id: 0, kind: 'ready' } satisfies ReadReply);
