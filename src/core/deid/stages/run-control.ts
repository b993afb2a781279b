// What every stage of a run shares: progress reporting and the cancellation check between units of work.
import { DeidError } from '../errors.js';
import type { PipelineOptions, PipelineStage } from '../pipeline-types.js';

export interface RunControl {
  readonly progress: (stage: PipelineStage, done: number, total: number) => void;
  /** Throws `deid_cancelled` once the run's signal is aborted. */
  readonly checkAbort: () => void;
}

export function toRunControl(options: PipelineOptions): RunControl {
  const onProgress = options.onProgress;
  return {
    progress: onProgress ? (stage, done, total) => onProgress({ stage, done, total }) : () => {},
    checkAbort: () => {
      if (options.signal?.aborted)
        throw new DeidError('deid_cancelled', 'the run was cancelled', { details: {} });
    },
  };
}
