// `generalization: auto`: the optimal full-domain search (core/search) picks one level per quasi column.
import { searchGeneralizationSync, type PrivacyCriteria } from '../search/index.js';
import { DeidError } from './errors.js';
import type { LevelSearch, LevelSearchRequest, LevelSearchResult } from './pipeline.js';
import type { Policy } from './policy.js';

/** The search criteria a policy's privacy block states (first l / t attribute: the search takes one). */
export function toSearchCriteria(policy: Policy): PrivacyCriteria {
  const p = policy.privacy;
  if (!p) return {};
  const [lAttribute] = Object.keys(p.l);
  const [tAttribute] = Object.keys(p.t);
  return {
    ...(p.k === undefined ? {} : { k: p.k }),
    ...(lAttribute === undefined
      ? {}
      : { l: { model: p.lModel, l: p.l[lAttribute], ...(p.c === undefined ? {} : { c: p.c }) } }),
    ...(tAttribute === undefined ? {} : { t: { t: p.t[tAttribute], distance: 'equal' as const } }),
    gbt42460: {
      context: p.context,
      probabilities: {
        deliberateAttempt: p.attempt.deliberate,
        inadvertentAttempt: p.attempt.inadvertent,
        breach: p.attempt.breach,
      },
      riskThreshold: p.riskThreshold,
    },
  };
}

/**
 * Runs the optimal lattice search over the `level: auto` columns with the policy's criteria,
 * suppression limit and metric. Only the columns marked `auto` take part, so a policy should
 * mark every quasi column with a hierarchy `auto`. Throws `deid_search_unavailable` for Mondrian
 * (local recoding is not a per-column level) and `deid_no_solution` when no transformation meets
 * the criteria within the suppression limit.
 */
export const searchOptimalLevels: LevelSearch = (
  request: LevelSearchRequest,
): LevelSearchResult => {
  const { policy } = request;
  if (policy.generalization.method !== 'auto')
    throw new DeidError(
      'deid_search_unavailable',
      `generalization ${policy.generalization.method} is not available in the pipeline; use auto`,
      { details: { method: policy.generalization.method } },
    );
  const result = searchGeneralizationSync(
    {
      quasiIdentifiers: request.quasiIdentifiers,
      ...(request.sensitive ? { sensitive: request.sensitive } : {}),
    },
    {
      criteria: toSearchCriteria(policy),
      suppressionLimit: policy.privacy?.suppressionLimit ?? 0,
      metric: policy.generalization.metric,
    },
  );
  const { outcome } = result;
  if (outcome.levels === null)
    throw new DeidError(
      'deid_no_solution',
      'no generalization of the auto columns meets the privacy criteria within the suppression limit',
      { details: { checked: outcome.checked, latticeSize: outcome.latticeSize } },
    );
  const levels = new Map<string, number>();
  request.quasiIdentifiers.forEach((qi, index) =>
    levels.set(qi.column.name, outcome.levels![index]),
  );
  return {
    levels,
    ...(result.transformation ? { suppressed: result.transformation.suppressed } : {}),
    summary: {
      method: 'optimal',
      levels: Object.fromEntries(levels),
      metric: { name: outcome.metric, value: outcome.value },
      suppressed: outcome.suppressedCount,
      classes: outcome.classCount,
      min_class: outcome.minClassSize,
      optimal: outcome.optimal,
      checked: outcome.checked,
      pruned: outcome.pruned,
      lattice_size: outcome.latticeSize,
    },
  };
};
