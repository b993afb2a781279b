// `generalization: auto`: the optimal full-domain search (core/search) picks one level per quasi
// column; `generalization: mondrian`: Mondrian recodes them record by record.
import {
  partitionMondrian,
  searchGeneralizationSync,
  SearchError,
  type PrivacyCriteria,
} from '../search/index.js';
import { DeidError } from './errors.js';
import type { LevelSearch, LevelSearchRequest, LevelSearchResult } from './pipeline-types.js';
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
 * Runs the optimal lattice search (`generalization: auto`) or Mondrian (`generalization:
 * mondrian`) over the `level: auto` columns with the policy's criteria, suppression limit and
 * metric. Only the columns marked `auto` take part, so a policy should mark every quasi column
 * with a hierarchy `auto`. Throws `deid_no_solution` when no transformation meets the criteria
 * within the suppression limit, and `deid_search_unavailable` when Mondrian cannot enforce the
 * criteria (a GB/T 42460 context other than public-release bounds the mean risk over the whole
 * table, which a partitioning that decides class by class cannot check).
 */
export const searchOptimalLevels: LevelSearch = (
  request: LevelSearchRequest,
): LevelSearchResult => {
  const { policy } = request;
  if (policy.generalization.method === 'mondrian') return recodeWithMondrian(request);
  if (policy.generalization.method !== 'auto')
    throw new DeidError(
      'deid_search_unavailable',
      `generalization ${policy.generalization.method} chooses no levels; use auto or mondrian`,
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

function recodeWithMondrian(request: LevelSearchRequest): LevelSearchResult {
  const { policy } = request;
  let result: ReturnType<typeof partitionMondrian>;
  try {
    result = partitionMondrian(
      {
        quasiIdentifiers: request.quasiIdentifiers,
        ...(request.sensitive ? { sensitive: request.sensitive } : {}),
      },
      { criteria: toSearchCriteria(policy), metric: policy.generalization.metric },
    );
  } catch (error) {
    if (error instanceof SearchError && error.code === 'search_invalid_criteria')
      throw new DeidError('deid_search_unavailable', `generalization mondrian: ${error.message}`, {
        details: { method: 'mondrian', context: policy.privacy?.context ?? null },
      });
    throw error;
  }
  const recoded = new Map(
    request.quasiIdentifiers.map((qi, index) => [qi.column.name, result.columns[index]]),
  );
  return {
    levels: new Map(),
    recoded,
    summary: {
      method: 'mondrian',
      partitions: result.partitionCount,
      min_class: result.minClassSize,
      metric: { name: result.metric, value: result.value },
      splits_tried: result.splitsTried,
    },
  };
}
