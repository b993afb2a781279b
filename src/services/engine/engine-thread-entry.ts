// Worker-thread entry: runs one engine task (an anonymization, or an upload's profile) off the
// gateway's event loop and reports progress, the result or a typed failure to the parent
// (engine-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { isAnonexError } from '../../core/errors.js';
import { anonymizeTable } from './anonymize-table.js';
import { profileTable } from './profile-table.js';
import type { PipelineMessage, WorkerTask } from './engine-thread.js';

const port = parentPort;
if (port === null) throw new Error('engine-thread-entry must run in a worker thread');

const post = (message: PipelineMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/**
 * The content as a Buffer over the bytes the thread received (structured cloning delivers a
 * Uint8Array): a view, not `Buffer.from(bytes)`, which would copy a large upload once more.
 */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

try {
  const task = workerData as WorkerTask;
  if (task.kind === 'profile') {
    const result = profileTable({ ...task.request, content: asBuffer(task.request.content) });
    post({ kind: 'profile', result });
  } else {
    const request = task.request;
    const result = anonymizeTable({ ...request, content: asBuffer(request.content) }, (update) =>
      post({ kind: 'progress', update }),
    );
    const artifact = new Uint8Array(result.artifact);
    post({ kind: 'result', result: { ...result, artifact } }, [artifact.buffer as ArrayBuffer]);
  }
} catch (error) {
  post(
    isAnonexError(error)
      ? {
          kind: 'error',
          code: error.code,
          area: error.area,
          message: error.message,
          details: { ...error.details },
        }
      : {
          kind: 'error',
          code: null,
          area: null,
          message: 'the engine failed unexpectedly in its worker thread',
          details: {},
        },
  );
}
