// Runs the engine's long tasks (anonymizeTable, profileTable) in a worker thread so they never
// stall the gateway (requests, progress streams and lease heartbeats keep flowing); a stopped run
// terminates its thread.
import type { Worker } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { AnonexError } from '../../core/errors.js';
import { outOfMemory } from './engine-error.js';
import type { BlobStoreSpec, StoredBlob } from '../../store/blob-store.js';
import { startModuleWorker } from '../../store/module-worker.js';
import type { LeakAttribution } from '../../core/fingerprint/index.js';
import type { PipelineRequest } from './anonymize-table.js';
import type { LeakAttributionRequest } from './attribute-leaked-table.js';
import type { FingerprintPlanningRequest, PlannedFingerprint } from './plan-listing-fingerprint.js';
import type {
  AnonymizationResult,
  DatasetProfile,
  ProgressUpdate,
  TableInput,
} from './anonymization-engine.js';

/** What one profile needs, all plain data so it can cross into a worker thread. */
export type ProfileRequest = TableInput & {
  /** The profile's "now" (birth dates not in the future). */
  readonly nowMs: number;
};

/**
 * What a worker is started for (its workerData). `store` opens the gateway's blob store in the
 * thread: blob sources are read there, and the artifact written there.
 */
export type WorkerTask =
  | {
      readonly kind: 'anonymize';
      readonly request: PipelineRequest;
      readonly store: BlobStoreSpec | undefined;
    }
  | {
      readonly kind: 'profile';
      readonly request: ProfileRequest;
      readonly store: BlobStoreSpec | undefined;
    }
  | {
      readonly kind: 'attribute';
      readonly request: LeakAttributionRequest;
      readonly store: BlobStoreSpec | undefined;
    }
  | {
      readonly kind: 'plan-fingerprint';
      readonly request: FingerprintPlanningRequest;
      readonly store: BlobStoreSpec | undefined;
    };

export type PipelineMessage =
  | { readonly kind: 'progress'; readonly update: ProgressUpdate }
  | {
      readonly kind: 'result';
      readonly result: Omit<AnonymizationResult, 'artifact'> & {
        artifact: Uint8Array | StoredBlob;
      };
    }
  | { readonly kind: 'profile'; readonly result: DatasetProfile }
  | { readonly kind: 'attribution'; readonly result: LeakAttribution }
  | { readonly kind: 'fingerprint-plan'; readonly result: PlannedFingerprint }
  | {
      readonly kind: 'error';
      readonly code: string | null;
      readonly area: string | null;
      readonly message: string;
      readonly details: Record<string, unknown>;
    };

/** A typed engine error rebuilt on the parent's side of the thread (same code and message). */
export class PipelineRunError extends AnonexError<string> {
  readonly area: string;
  constructor(code: string, area: string, message: string, details: Record<string, unknown>) {
    super(code, message, { details });
    this.area = area;
  }
}

/** Starts the worker (engine-thread-entry) with the task as its workerData. */
function startWorker(task: WorkerTask, memoryMb: number | undefined): Worker {
  // The old generation is where a table lives: its cap is the worker's memory (JOB_MEMORY_MB).
  const resourceLimits = memoryMb === undefined ? {} : { maxOldGenerationSizeMb: memoryMb };
  return startModuleWorker(new URL('./engine-thread-entry.js', import.meta.url), {
    workerData: task,
    resourceLimits,
  });
}

/**
 * Runs one anonymization in a fresh worker. `onProgress` is awaited in order; when it throws (a
 * cancelled job, a shutdown, a lost lease) the worker is terminated and that error rejects the run.
 */
export function runPipelineInWorker(
  request: PipelineRequest,
  store: BlobStoreSpec | undefined,
  memoryMb: number | undefined,
  onProgress: (update: ProgressUpdate) => Promise<void>,
): Promise<AnonymizationResult> {
  return runInWorker(
    { kind: 'anonymize', request, store },
    memoryMb,
    onProgress,
  ) as Promise<AnonymizationResult>;
}

/** Profiles one upload in a fresh worker; a reader's error comes back with its code and area. */
export function profileInWorker(
  request: ProfileRequest,
  store: BlobStoreSpec | undefined,
  memoryMb: number | undefined,
): Promise<DatasetProfile> {
  return runInWorker({ kind: 'profile', request, store }, memoryMb, () =>
    Promise.resolve(),
  ) as Promise<DatasetProfile>;
}

/** Attributes a leaked copy (attribute-leaked-table.ts) in a fresh worker: never on the event loop. */
export function attributeLeakInWorker(
  request: LeakAttributionRequest,
  store: BlobStoreSpec,
  memoryMb: number | undefined,
): Promise<LeakAttribution> {
  return runInWorker({ kind: 'attribute', request, store }, memoryMb, () =>
    Promise.resolve(),
  ) as Promise<LeakAttribution>;
}

/** Plans a listing's in-value fingerprint (plan-listing-fingerprint.ts) in a fresh worker. */
export function planFingerprintInWorker(
  request: FingerprintPlanningRequest,
  store: BlobStoreSpec,
  memoryMb: number | undefined,
): Promise<PlannedFingerprint> {
  return runInWorker({ kind: 'plan-fingerprint', request, store }, memoryMb, () =>
    Promise.resolve(),
  ) as Promise<PlannedFingerprint>;
}

/**
 * Runs `task` in a fresh worker whose heap is capped at `memoryMb` (undefined: V8's default);
 * reaching the cap fails the task with `job_out_of_memory`, never an anonymous crash.
 */
function runInWorker(
  task: WorkerTask,
  memoryMb: number | undefined,
  onProgress: (update: ProgressUpdate) => Promise<void>,
): Promise<AnonymizationResult | DatasetProfile | LeakAttribution | PlannedFingerprint> {
  const worker = startWorker(task, memoryMb);
  return new Promise<AnonymizationResult | DatasetProfile | LeakAttribution | PlannedFingerprint>(
    (resolve, reject) => {
      let settled = false;
      // Set when the worker has said how it ended; its exit then is expected, not a crash.
      let answered = false;
      let progress = Promise.resolve();
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
        void worker.terminate();
      };
      worker.on('message', (message: PipelineMessage) => {
        if (message.kind === 'progress') {
          progress = progress
            .then(() => (settled ? undefined : onProgress(message.update)))
            .catch((error: unknown) => settle(() => reject(error)));
        } else if (
          message.kind === 'profile' ||
          message.kind === 'attribution' ||
          message.kind === 'fingerprint-plan'
        ) {
          answered = true;
          void progress.then(() => settle(() => resolve(message.result)));
        } else if (message.kind === 'result') {
          answered = true;
          const { artifact, ...rest } = message.result;
          void progress.then(() =>
            settle(() =>
              resolve({
                ...rest,
                artifact:
                  artifact instanceof Uint8Array
                    ? Buffer.from(artifact.buffer, artifact.byteOffset, artifact.byteLength)
                    : artifact,
              }),
            ),
          );
        } else {
          answered = true;
          const error =
            message.code === null
              ? new Error(message.message)
              : new PipelineRunError(
                  message.code,
                  message.area ?? 'deid',
                  message.message,
                  message.details,
                );
          void progress.then(() => settle(() => reject(error)));
        }
      });
      worker.on('error', (error) =>
        settle(() =>
          reject(
            (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? outOfMemory(memoryMb ?? heapLimitMb())
              : error,
          ),
        ),
      );
      worker.on('exit', (code) => {
        // Progress may still be settling after the answer; only an exit without one is a failure.
        if (!answered) {
          settle(() =>
            reject(new Error(`the engine's worker exited (code ${code}) without a result`)),
          );
        }
      });
    },
  );
}

/** V8's heap limit in this process, the figure a worker without its own limit inherits. */
function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / (1024 * 1024));
}
