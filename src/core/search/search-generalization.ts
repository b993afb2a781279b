// The entry point of the optimal full-domain search: prepare, search the lattice, apply the optimum.
import type { AppliedTransformation } from './apply-transformation.js';
import { applyTransformation } from './apply-transformation.js';
import type { SearchOptions, SearchOutcome } from './optimal-search.js';
import { searchLattice, searchLatticeSync } from './optimal-search.js';
import type { PreparedSearch, SearchInput } from './prepare-search.js';
import { prepareSearch } from './prepare-search.js';

export interface GeneralizationResult {
  readonly outcome: SearchOutcome;
  /** The optimum applied to the rows; null when no transformation meets the criteria. */
  readonly transformation: AppliedTransformation | null;
}

/**
 * Finds the transformation with the least metric that meets `options.criteria` with at most
 * `options.suppressionLimit` of the records suppressed, and applies it. Asynchronous so that
 * progress and cancellation (`options.signal`) work for long runs; see `searchGeneralizationSync`.
 *
 * @example
 *   const result = await searchGeneralization(
 *     { quasiIdentifiers: [{ column: age, hierarchy: ageHierarchy }, { column: sex, hierarchy: sexHierarchy }] },
 *     { criteria: { k: 5 }, suppressionLimit: 0.05, metric: 'loss' },
 *   );
 *   result.outcome.levels; // e.g. [2, 0]
 */
export async function searchGeneralization(
  input: SearchInput,
  options: SearchOptions,
): Promise<GeneralizationResult> {
  const prepared = prepareSearch(input);
  return withTransformation(prepared, await searchLattice(prepared, options), options);
}

/** The same search without yielding: no cancellation from outside while it runs. */
export function searchGeneralizationSync(
  input: SearchInput,
  options: SearchOptions,
): GeneralizationResult {
  const prepared = prepareSearch(input);
  return withTransformation(prepared, searchLatticeSync(prepared, options), options);
}

/** The outcome with its optimum applied to the rows (none when no node meets the criteria). */
function withTransformation(
  prepared: PreparedSearch,
  outcome: SearchOutcome,
  options: SearchOptions,
): GeneralizationResult {
  return {
    outcome,
    transformation:
      outcome.levels === null
        ? null
        : applyTransformation(prepared, outcome.levels, options.criteria),
  };
}
