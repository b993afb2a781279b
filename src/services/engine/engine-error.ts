// Typed errors of the engine's worker threads (as opposed to the errors of what they read or run).
import { AnonexError } from '../../core/errors.js';

export const ENGINE_ERROR_CODES = ['job_out_of_memory'] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export class EngineError extends AnonexError<EngineErrorCode> {
  readonly area = 'engine';
}

/**
 * The worker thread reached its heap limit: says the figure and the variable that sets it, so a
 * provider (or operator) knows the dataset is too large for this gateway as configured.
 */
export function outOfMemory(limitMb: number): EngineError {
  return new EngineError(
    'job_out_of_memory',
    `the engine ran out of memory: its worker's heap limit is ${limitMb} MiB (JOB_MEMORY_MB); ` +
      'raise JOB_MEMORY_MB on a machine with more memory, or split the dataset',
    { details: { limitMb, variable: 'JOB_MEMORY_MB' } },
  );
}
