// The AnonymizationEngine over the real engine: core/table reads, core/detect profiles,
// core/deid runs the pipeline and its gate, core/privacy and core/report measure and report;
// profiles and runs happen in worker threads (engine-thread.ts).
import type { Clock } from '../../core/clock.js';
import { isAnonexError } from '../../core/errors.js';
import {
  readTable,
  toTextEncodingName,
  TableError,
  type LoadedTable,
  type TextEncodingName,
} from '../../core/table/index.js';
import type { BlobStore, BlobStoreSpec } from '../../store/blob-store.js';
import { validationFailed } from '../errors.js';
import { parsePolicy } from '../../core/deid/index.js';
import { readHierarchies } from './anonymize-table.js';
import { profileInWorker, runPipelineInWorker } from './engine-thread.js';
import {
  type AnonymizationEngine,
  type AnonymizationInput,
  type AnonymizationResult,
  type DatasetProfile,
  type ProgressUpdate,
  type TableInput,
} from './anonymization-engine.js';

export interface CoreEngineOptions {
  readonly clock: Clock;
  /** Where hierarchy files named by policies are resolved (policies/). */
  readonly policiesDirectory: string;
  /** The store blob sources are read from (in the worker thread); required for those. */
  readonly blobs?: BlobStore;
  /** Heap limit of each worker thread (JOB_MEMORY_MB); undefined: V8's default. */
  readonly memoryMb?: number;
}

export class CoreAnonymizationEngine implements AnonymizationEngine {
  constructor(private readonly options: CoreEngineOptions) {}

  /** Reads and judges the upload in a worker thread: a large one never stalls the gateway. */
  async profileDataset(input: TableInput): Promise<DatasetProfile> {
    forcedEncoding(input);
    try {
      return await profileInWorker(
        { ...input, nowMs: this.options.clock.nowMs() },
        this.storeFor(input),
        this.options.memoryMb,
      );
    } catch (error) {
      throw asValidationError(error, 'body');
    }
  }

  async anonymize(
    input: AnonymizationInput,
    onProgress: (update: ProgressUpdate) => Promise<void>,
  ): Promise<AnonymizationResult> {
    await onProgress({ phase: 'loading', pct: 5 });
    const policy = parsePolicy(input.policyYaml, input.policySource);
    const hierarchies = await readHierarchies(policy, this.options.policiesDirectory);
    return runPipelineInWorker(
      { ...input, hierarchies, nowMs: this.options.clock.nowMs() },
      this.storeFor(input),
      this.options.memoryMb,
      onProgress,
    );
  }

  /**
   * What the worker needs to open the store: always the store when there is one, as the worker
   * stores the artifact itself; a blob source without a store is a wiring error.
   */
  private storeFor(input: TableInput): BlobStoreSpec | undefined {
    if (this.options.blobs !== undefined) return this.options.blobs.workerSpec();
    if ('blob' in input) throw new Error('the engine reads blobs only when given the blob store');
    return undefined;
  }

  async previewRows(input: TableInput, limit: number): Promise<Record<string, unknown>[]> {
    const { table } = load(input);
    return table.slice(0, limit).objects() as Record<string, unknown>[];
  }
}

/** Reads a table's bytes from memory: previews of small artifacts only. */
function contentOf(input: TableInput): Buffer {
  if ('content' in input) return input.content;
  throw new Error('previewRows reads artifacts given in memory');
}

/** The input's forced encoding, if any; an unknown name becomes a 400 on `encoding`. */
function forcedEncoding(input: TableInput): TextEncodingName | undefined {
  if (input.encoding === undefined) return undefined;
  try {
    return toTextEncodingName(input.encoding);
  } catch (error) {
    throw asValidationError(error, 'encoding');
  }
}

/** Reads a table; malformed input becomes a 400 naming where it is malformed. */
function load(input: TableInput): LoadedTable {
  const encoding = forcedEncoding(input);
  try {
    return readTable(contentOf(input), { format: input.format, encoding });
  } catch (error) {
    throw asValidationError(error, 'body');
  }
}

function asValidationError(error: unknown, field: string): unknown {
  if (!(error instanceof TableError) && !(isAnonexError(error) && error.area === 'table')) {
    return error;
  }
  const where = Object.entries(error.details)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return validationFailed(`the upload cannot be read: ${error.message}`, [
    { field, reason: `${error.code}: ${error.message}${where ? ` (${where})` : ''}` },
  ]);
}
