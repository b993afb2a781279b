// Privacy criteria the search enforces, validated once, and which of them keep monotonicity.
import { CONTEXT_CLASS_THRESHOLD } from '../privacy/gbt42460.js';
import type { ContextProbabilities, ReleaseContext } from '../privacy/gbt42460.js';
import { SearchError } from './search-error.js';

export type LDiversityModel = 'distinct' | 'entropy' | 'recursive';

/** The requirements a transformation must meet (all optional; none means any node passes). */
export interface PrivacyCriteria {
  /** k-anonymity: every released class holds at least k records. */
  readonly k?: number;
  /** l-diversity of the sensitive attribute; `c` is required for the recursive (c,l) model. */
  readonly l?: { readonly model: LDiversityModel; readonly l: number; readonly c?: number };
  /** t-closeness of the sensitive attribute (equal or ordered ground distance). */
  readonly t?: { readonly t: number; readonly distance: 'equal' | 'ordered' };
  /** Highest prosecutor risk 1/f of a released class must not exceed this. */
  readonly prosecutorRiskThreshold?: number;
  /** GB/T 42460-2023: classes with θ = 1/f > τ(context) are violations; R ≤ riskThreshold. */
  readonly gbt42460?: {
    readonly context: ReleaseContext;
    readonly probabilities?: ContextProbabilities;
    readonly riskThreshold?: number;
  };
}

/**
 * The criteria in the form the hot loop checks. A class passes when its size is at least
 * `minClassSize` and its sensitive values meet the l / t requirements; `tableRiskLimit` is the
 * GB/T 42460 R_c condition, the only table-level one (mean of 1/f over released classes × pr).
 */
export interface ResolvedCriteria {
  readonly minClassSize: number;
  readonly l: PrivacyCriteria['l'] | undefined;
  readonly t: PrivacyCriteria['t'] | undefined;
  readonly needsSensitive: boolean;
  /** Mean θ over released classes must not exceed this; Infinity when not applicable. */
  readonly meanRiskLimit: number;
  /** Whether "passes with at most s suppressed records" is closed upward in the lattice. */
  readonly monotoneWithSuppression: boolean;
  /** Same, with no suppression allowed. */
  readonly monotoneWithoutSuppression: boolean;
  /**
   * Whether the class-level part alone is monotone with suppression: then the suppressed count
   * only shrinks upward, so a node suppressing too much condemns every node below it even when
   * a table-level condition keeps the whole criteria from being monotone. (Without suppression
   * every class-level criterion here is monotone.)
   */
  readonly classLevelMonotoneWithSuppression: boolean;
}

/** Validates criteria (`search_invalid_criteria` naming the field) and resolves them. */
export function resolveCriteria(
  criteria: PrivacyCriteria,
  hasSensitive: boolean,
): ResolvedCriteria {
  const invalid = (field: string, reason: string): never => {
    throw new SearchError('search_invalid_criteria', `criterion ${field}: ${reason}`, {
      issues: [{ field, reason }],
    });
  };
  let minClassSize = 1;
  if (criteria.k !== undefined) {
    if (!Number.isInteger(criteria.k) || criteria.k < 1) invalid('k', 'must be an integer >= 1');
    minClassSize = Math.max(minClassSize, criteria.k);
  }
  const risk = criteria.prosecutorRiskThreshold;
  if (risk !== undefined) {
    if (!(risk > 0 && risk <= 1)) invalid('prosecutorRiskThreshold', 'must be in (0, 1]');
    // 1/f <= risk  <=>  f >= 1/risk; the epsilon keeps 1/0.2 = 5 from becoming 5.000000001.
    minClassSize = Math.max(minClassSize, Math.ceil(1 / risk - 1e-9));
  }
  let meanRiskLimit = Infinity;
  const gbt = criteria.gbt42460;
  if (gbt !== undefined) {
    const tau = CONTEXT_CLASS_THRESHOLD[gbt.context];
    if (tau === undefined) invalid('gbt42460.context', 'unknown release context');
    const limit = gbt.riskThreshold ?? 0.05;
    if (!(limit > 0 && limit <= 1)) invalid('gbt42460.riskThreshold', 'must be in (0, 1]');
    // R_a = 0 requires θ = 1/f <= τ for every released class.
    minClassSize = Math.max(minClassSize, Math.ceil(1 / tau - 1e-9));
    if (gbt.context === 'public-release') {
      // R = R_b = max 1/f <= limit  <=>  every f >= 1/limit: a class-level condition.
      minClassSize = Math.max(minClassSize, Math.ceil(1 / limit - 1e-9));
    } else {
      const p = gbt.probabilities;
      const pr =
        p === undefined ? 1 : Math.max(p.deliberateAttempt, p.inadvertentAttempt, p.breach);
      if (!(pr >= 0 && pr <= 1)) invalid('gbt42460.probabilities', 'must be in [0, 1]');
      meanRiskLimit = pr === 0 ? Infinity : limit / pr;
    }
  }
  const l = criteria.l;
  if (l !== undefined) {
    if (!(l.l >= 1) || !Number.isFinite(l.l)) invalid('l.l', 'must be a number >= 1');
    if (l.model !== 'entropy' && !Number.isInteger(l.l)) invalid('l.l', 'must be an integer');
    if (l.model === 'recursive' && !(l.c !== undefined && l.c > 0))
      invalid('l.c', 'recursive l-diversity needs c > 0');
    if (!['distinct', 'entropy', 'recursive'].includes(l.model))
      invalid('l.model', 'must be distinct, entropy or recursive');
  }
  const t = criteria.t;
  if (t !== undefined) {
    if (!(t.t >= 0 && t.t <= 1)) invalid('t.t', 'must be in [0, 1]');
    if (t.distance !== 'equal' && t.distance !== 'ordered')
      invalid('t.distance', 'must be equal or ordered');
  }
  const needsSensitive = l !== undefined || t !== undefined;
  if (needsSensitive && !hasSensitive)
    invalid('sensitive', 'l-diversity and t-closeness need a sensitive attribute');
  // Class predicates closed under union (size >= m, >= l distinct values) keep a class passing when
  // classes merge, so the suppressed set only shrinks upward. Entropy/recursive l and t-closeness
  // are monotone only without suppression (Machanavajjhala et al. 2007; Li et al. 2007): a passing
  // class merged with a failing one may fail. The mean-risk condition is not monotone at all.
  const tableLevel = meanRiskLimit !== Infinity;
  const classLevelMonotoneWithSuppression =
    t === undefined && (l === undefined || l.model === 'distinct');
  return {
    minClassSize,
    l,
    t,
    needsSensitive,
    meanRiskLimit,
    monotoneWithoutSuppression: !tableLevel,
    monotoneWithSuppression: !tableLevel && classLevelMonotoneWithSuppression,
    classLevelMonotoneWithSuppression,
  };
}
