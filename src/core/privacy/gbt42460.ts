// The re-identification risk gate of GB/T 42460-2023 (信息安全技术 个人信息去标识化效果评估指南):
// class risk θ_j = 1/f_j, context thresholds τ, R_a/R_b/R_c, the overall risk R and levels L1–L4.
import type { EquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

/** Release context: public release (公开共享), data-use agreement (受控共享), enclave (领地公开). */
export type ReleaseContext = 'public-release' | 'data-use-agreement' | 'enclave';

export const RELEASE_CONTEXTS: readonly ReleaseContext[] = [
  'public-release',
  'data-use-agreement',
  'enclave',
];

/** Class risk threshold τ per release context. */
export const CONTEXT_CLASS_THRESHOLD: Readonly<Record<ReleaseContext, number>> = {
  'public-release': 1 / 20,
  'data-use-agreement': 1 / 5,
  enclave: 1 / 3,
};

/** Identifiability level: L1 direct identifier remains … L4 no identifiers at all. */
export type IdentifiabilityLevel = 'L1' | 'L2' | 'L3' | 'L4';

/** Probabilities of a re-identification attempt or a breach, from the policy. */
export interface ContextProbabilities {
  readonly deliberateAttempt: number;
  readonly inadvertentAttempt: number;
  readonly breach: number;
}

export interface Gbt42460Options {
  readonly context: ReleaseContext;
  /** For data-use-agreement and enclave (1 when absent: the worst case); ignored for public release. */
  readonly probabilities?: ContextProbabilities;
  /** Pass when R ≤ this; 0.05 by default. */
  readonly riskThreshold?: number;
  /** Whether a direct identifier survives in the output (from the detectors): level L1. */
  readonly directIdentifiersRemain: boolean;
  /** Number of quasi-identifiers in the output; none (and no direct identifier) is level L4. */
  readonly quasiIdentifierCount: number;
}

export interface Gbt42460Assessment {
  readonly context: ReleaseContext;
  readonly tau: number;
  /** Share of classes with θ > τ. */
  readonly Ra: number;
  /** max θ. */
  readonly Rb: number;
  /** mean θ over classes. */
  readonly Rc: number;
  /** pr(context). */
  readonly pr: number;
  readonly R: number;
  readonly riskThreshold: number;
  readonly level: IdentifiabilityLevel;
  /** Level L3 or L4: what listing requires. */
  readonly pass: boolean;
}

/**
 * R = 1 when R_a > 0; otherwise R_b · pr for public release (pr = 1) and R_c · pr for a
 * data-use agreement or enclave, pr = max(deliberate, inadvertent, breach). With no classes
 * (nothing released) R_a = R_b = R_c = 0.
 */
export function assessGbt42460(
  classes: EquivalenceClasses,
  options: Gbt42460Options,
): Gbt42460Assessment {
  const { context } = options;
  const tau = CONTEXT_CLASS_THRESHOLD[context];
  if (tau === undefined) {
    throw new PrivacyError(
      'privacy_invalid_parameter',
      `unknown release context ${String(context)}`,
      {
        details: { field: 'context', got: context },
      },
    );
  }
  const riskThreshold = options.riskThreshold ?? 0.05;
  const pr = context === 'public-release' ? 1 : contextProbability(options.probabilities);
  const sizes = classes.classSizes;
  let over = 0;
  let max = 0;
  let sum = 0;
  for (let cls = 0; cls < sizes.length; cls++) {
    const theta = 1 / sizes[cls];
    if (theta > tau) over++;
    if (theta > max) max = theta;
    sum += theta;
  }
  const Ra = sizes.length === 0 ? 0 : over / sizes.length;
  const Rb = max;
  const Rc = sizes.length === 0 ? 0 : sum / sizes.length;
  const R = Ra > 0 ? 1 : (context === 'public-release' ? Rb : Rc) * pr;
  const level: IdentifiabilityLevel = options.directIdentifiersRemain
    ? 'L1'
    : options.quasiIdentifierCount === 0
      ? 'L4'
      : R <= riskThreshold
        ? 'L3'
        : 'L2';
  return {
    context,
    tau,
    Ra,
    Rb,
    Rc,
    pr,
    R,
    riskThreshold,
    level,
    pass: level === 'L3' || level === 'L4',
  };
}

function contextProbability(probabilities: ContextProbabilities | undefined): number {
  // Without figures from the policy assume the worst: an attempt is certain.
  if (probabilities === undefined) return 1;
  const values = [
    probabilities.deliberateAttempt,
    probabilities.inadvertentAttempt,
    probabilities.breach,
  ];
  for (const value of values) {
    if (!(value >= 0 && value <= 1)) {
      throw new PrivacyError(
        'privacy_invalid_parameter',
        `context probabilities must be in [0, 1], got ${value}`,
        {
          details: { field: 'probabilities', got: value },
        },
      );
    }
  }
  return Math.max(...values);
}
