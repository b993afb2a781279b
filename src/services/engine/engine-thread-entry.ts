// Worker-thread entry: runs one engine task (an anonymization, an upload's profile, a leak's
// attribution) off the gateway's event loop: reads the tables from the blob store itself, and
// reports progress, the result (the artifact already stored) or a typed failure to the parent
// (engine-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { parsePolicy, toInputPlan } from '../../core/deid/index.js';
import { isAnonexError } from '../../core/errors.js';
import { blobStoreFromSpec } from '../../store/open-blob-store.js';
import { anonymizeTable } from './anonymize-table.js';
import { attributeLeakedTable } from './attribute-leaked-table.js';
import { planListingFingerprint } from './plan-listing-fingerprint.js';
import { profileTableSource } from './profile-table-source.js';
import type { PipelineMessage, WorkerTask } from './engine-thread.js';
import { readEncodedTableSource, readTableSource } from './read-table-source.js';

const port = parentPort;
if (port === null) throw new Error('engine-thread-entry must run in a worker thread');

const post = (message: PipelineMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/**
 * Bytes handed over in memory arrive as a Uint8Array (structured cloning): view them as a Buffer
 * rather than `Buffer.from(bytes)`, which would copy a large input once more.
 */
function withBufferContent<T extends object>(request: T): T {
  if (!('content' in request)) return request;
  const bytes = request.content as Uint8Array;
  return { ...request, content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

async function run(task: WorkerTask): Promise<void> {
  const store = task.store === undefined ? undefined : blobStoreFromSpec(task.store);
  if (task.kind === 'attribute') {
    const { artifact, leaked } = task.request;
    const result = attributeLeakedTable(
      (await readTableSource(artifact, store)).table,
      (await readTableSource(withBufferContent(leaked), store)).table,
      task.request,
    );
    post({ kind: 'attribution', result });
    return;
  }
  if (task.kind === 'plan-fingerprint') {
    const { table } = await readTableSource(task.request.artifact, store);
    const result = planListingFingerprint(table, task.request);
    const transfer = result.kind === 'planned' ? [result.first.buffer, result.second.buffer] : [];
    post({ kind: 'fingerprint-plan', result }, transfer as ArrayBuffer[]);
    return;
  }
  const request = withBufferContent(task.request);
  if (task.kind === 'profile') {
    post({ kind: 'profile', result: await profileTableSource(request, store, request.nowMs) });
    return;
  }
  // Read as the policy's plan says: the columns it only drops are sampled, never held.
  const policy = parsePolicy(task.request.policyYaml, task.request.policySource);
  const loaded = await readEncodedTableSource(request, store, toInputPlan(policy));
  const result = anonymizeTable(task.request, loaded, (update) =>
    post({ kind: 'progress', update }),
  );
  const { artifactChunks, ...rest } = result;
  if (store !== undefined) {
    // Stored from here, chunk by chunk: the artifact never crosses to the gateway's thread.
    const artifact = await store.put(drain(artifactChunks), { raw: false });
    post({ kind: 'result', result: { ...rest, artifact } });
    return;
  }
  // A buffer of its own (never a pooled slice), joined once, handed over without a copy.
  const artifact = new Uint8Array(artifactChunks.reduce((sum, chunk) => sum + chunk.length, 0));
  artifactChunks.reduce((offset, chunk) => (artifact.set(chunk, offset), offset + chunk.length), 0);
  post({ kind: 'result', result: { ...rest, artifact } }, [artifact.buffer as ArrayBuffer]);
}

/** The chunks in order, each let go once handed on, so memory falls as the store writes. */
async function* drain(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    chunks[i] = EMPTY;
    yield chunk;
  }
}

const EMPTY = new Uint8Array(0);

run(workerData as WorkerTask).catch((error: unknown) => {
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
});
