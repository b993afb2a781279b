// Stage 4, measurement: k, l, t, risk and GB/T 42460 over the released quasi-identifiers, the
// model checks the policy asks for, and the release's utility.
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import {
  checkPrivacyRequirements,
  computeEquivalenceClasses,
  measurePrivacyOfClasses,
  type EquivalenceClasses,
  type ModelCheck,
  type PrivacyInput,
  type PrivacyMeasurement,
  type PrivacyRequirements as ModelRequirements,
  type UtilityMeasurement,
} from '../../privacy/index.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from '../gate/refusal.js';
import type { OutputColumn } from '../pipeline-types.js';
import type { Policy } from '../policy.js';
import { measureReleaseUtility } from '../release-utility.js';
import type { SuppressedRecords } from './suppress-records.js';
import type { RunControl } from './run-control.js';

export interface ReleaseMeasurement {
  /** Over every knowable non-sensitive column; undefined without privacy requirements or such columns. */
  readonly privacy: PrivacyMeasurement | undefined;
  /**
   * Over the declared quasi-identifiers alone, on the same released rows (k, risk, GB/T 42460; no
   * l or t): the figure a gate that trusted the declaration would have certified.
   */
  readonly privacyDeclared: PrivacyMeasurement | undefined;
  readonly checks: readonly ModelCheck[];
  readonly utility: UtilityMeasurement;
  /**
   * The classes measured: the released rows over `quasiIdentifiers` (with none, every row counts
   * as suppressed and there is no class).
   */
  readonly classes: EquivalenceClasses;
  /** One per failed model check. */
  readonly refusals: readonly GateRefusal[];
}

export interface MeasureInput {
  readonly policy: Policy;
  readonly inputColumns: ReadonlyMap<string, DictionaryColumn>;
  readonly outputs: readonly OutputColumn[];
  /** What the gate measures: every released column an attacker could know that is not sensitive. */
  readonly quasiIdentifiers: readonly DictionaryColumn[];
  /** The columns the policy declares `quasi`, measured again for comparison. */
  readonly declaredQuasiIdentifiers: readonly DictionaryColumn[];
  readonly suppression: SuppressedRecords;
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  readonly chosenLevels: ReadonlyMap<string, number>;
  readonly rows: number;
}

/**
 * Measures the released rows (suppression over the declared quasi-identifiers already applied)
 * twice: over every column an attacker could know — the figures the model checks and the gate
 * judge — and over the declared quasi-identifiers alone, for comparison. Classes are computed
 * once per set (the suppression stage's own when it suppressed nothing and the sets agree). No
 * quasi-identifier: one class of every released row, as ARX counts it.
 */
export function measureRelease(input: MeasureInput, control: RunControl): ReleaseMeasurement {
  const { policy, outputs, suppression } = input;
  const quasi = input.quasiIdentifiers;
  control.progress('measure', 0, 1);
  const declared = input.declaredQuasiIdentifiers;
  // Suppression worked over the declared quasi-identifiers; its classes serve when the sets agree.
  const sameSets = declared.length === quasi.length && declared.every((c, i) => c === quasi[i]);
  const classes =
    (sameSets ? suppression.unsuppressedClasses : undefined) ??
    computeEquivalenceClasses(quasi, {
      suppressed: suppression.mask ?? (quasi.length === 0 ? new Uint8Array(input.rows) : undefined),
    });
  let privacy: PrivacyMeasurement | undefined;
  let privacyDeclared: PrivacyMeasurement | undefined;
  let checks: ModelCheck[] = [];
  const refusals: GateRefusal[] = [];
  const privacyPolicy = policy.privacy;
  if (privacyPolicy && quasi.length > 0) {
    const sensitiveNames = new Set([
      ...Object.keys(privacyPolicy.l),
      ...Object.keys(privacyPolicy.t),
    ]);
    for (const o of outputs) if (o.role === 'sensitive') sensitiveNames.add(o.column.name);
    const sensitive = outputs.filter((o) => sensitiveNames.has(o.column.name)).map((o) => o.column);
    const recursiveL = Object.values(privacyPolicy.l)[0];
    const privacyInput: PrivacyInput = {
      quasiIdentifiers: quasi,
      sensitive: sensitive.map((column) => ({
        column,
        ...(privacyPolicy.lModel === 'recursive' && recursiveL
          ? { recursiveL: privacyPolicy.l[column.name] ?? recursiveL }
          : {}),
      })),
      suppressed: suppression.mask,
      riskThreshold: privacyPolicy.riskThreshold,
      gbt42460: {
        context: privacyPolicy.context,
        probabilities: {
          deliberateAttempt: privacyPolicy.attempt.deliberate,
          inadvertentAttempt: privacyPolicy.attempt.inadvertent,
          breach: privacyPolicy.attempt.breach,
        },
        riskThreshold: privacyPolicy.riskThreshold,
        directIdentifiersRemain: false,
      },
    };
    privacy = measurePrivacyOfClasses(classes, privacyInput);
    if (sameSets) privacyDeclared = privacy;
    else if (declared.length > 0)
      privacyDeclared = measurePrivacyOfClasses(
        suppression.unsuppressedClasses ??
          computeEquivalenceClasses(declared, { suppressed: suppression.mask }),
        { ...privacyInput, quasiIdentifiers: declared, sensitive: [] },
      );
    checks = checkPrivacyRequirements(privacy, toModelRequirements(policy));
    for (const check of checks)
      if (!check.pass)
        refusals.push({
          kind: 'privacy_requirement',
          model: check.model,
          attribute: check.attribute,
          value: check.value,
          threshold: check.threshold,
          quasiIdentifiers: quasi.map((c) => c.name),
        });
  }
  const utility = measureReleaseUtility({
    policy,
    inputColumns: input.inputColumns,
    outputs: outputs.map((o) => o.column),
    hierarchies: input.hierarchies,
    chosenLevels: input.chosenLevels,
    classes,
    ...(suppression.mask ? { suppressed: suppression.mask } : {}),
    minBarCount: suppression.minClassSize,
  });
  control.progress('measure', 1, 1);
  return { privacy, privacyDeclared, checks, utility, classes, refusals };
}

/** The policy's privacy section as the privacy models name their requirements; requires `policy.privacy`. */
export function toModelRequirements(policy: Policy): ModelRequirements {
  const p = policy.privacy!;
  return {
    ...(p.k === undefined ? {} : { k: p.k }),
    l: Object.entries(p.l).map(([attribute, l]) => ({
      attribute,
      model: p.lModel,
      l,
      ...(p.c === undefined ? {} : { c: p.c }),
    })),
    t: Object.entries(p.t).map(([attribute, t]) => ({ attribute, t })),
  };
}
