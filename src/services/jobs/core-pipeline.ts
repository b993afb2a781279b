// Runs a listing policy through core/deid, core/privacy and core/report (wired when they land).
import type { AnonymizationInput, AnonymizationResult, ProgressUpdate } from './engine.js';
import type { CoreEngineOptions } from './core-engine.js';
import { ServiceError } from '../errors.js';

export async function runCorePipeline(
  input: AnonymizationInput,
  onProgress: (update: ProgressUpdate) => Promise<void>,
  options: CoreEngineOptions,
): Promise<AnonymizationResult> {
  void input;
  void options;
  await onProgress({ phase: 'loading', pct: 1 });
  throw new ServiceError('precondition_failed', 'the de-identification pipeline is not wired yet');
}
