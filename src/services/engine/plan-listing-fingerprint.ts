// The engine task that plans a listing's in-value fingerprint (issue 19): the release as the gate
// judged it, its plan under the listing key, and the plan's worst case — every slot member
// withheld at once, a copy no trade receives — re-measured with the gate's own models, so that no
// plan is stored that could make any copy less private than the approved release. Runs in a worker
// thread (engine-thread.ts): reading and measuring a 1M-row release takes seconds.
import type { ColumnTable } from 'arquero';
import { parsePolicy, PolicyError, type ColumnRole } from '../../core/deid/index.js';
import {
  FingerprintError,
  fingerprintReleaseOf,
  measureCopyPrivacy,
  planFingerprint,
  prepareRelease,
  verifyNoPrivacyRegression,
  type FingerprintPlanSummary,
  type PreparedRelease,
} from '../../core/fingerprint/index.js';
import type { TableFormat } from '../../core/table/index.js';
import type { BlobReference } from './anonymization-engine.js';

/** The release as the gate judged it: the policy, each column's role, the measured quasi-identifiers. */
export interface ReleaseDescription {
  readonly policyYaml: string;
  readonly policySource: string;
  readonly roles: Readonly<Record<string, ColumnRole>>;
  readonly quasiIdentifiers: readonly string[];
}

/** Everything one planning needs, as plain data that crosses into a worker thread. */
export interface FingerprintPlanningRequest {
  /** The listing's anonymized artifact (blob, not raw) and its format. */
  readonly artifact: { readonly blob: BlobReference; readonly format: TableFormat };
  readonly release: ReleaseDescription;
  /** The listing's fingerprint key (hex). Never logged; it stays in the process. */
  readonly listingKeyHex: string;
}

/** Why a listing's copies carry no in-value mark (they are still delivered, whole). */
export type UnmarkedReason =
  /** The release leaves no row any copy could go without (small, or tight everywhere). */
  | 'release_too_small'
  /** The worst case of the plan would fail a privacy figure the release passes. */
  | 'privacy_regression'
  /** The stored release does not describe the artifact (e.g. a column it names is missing). */
  | 'release_undescribed';

/** The worst case of a plan: every member withheld at once, re-measured. */
export interface WorstCaseCheck {
  readonly rowsWithheld: number;
  readonly classesBefore: number;
  readonly classesAfter: number;
  readonly kBefore: number;
  readonly kAfter: number;
}

export type PlannedFingerprint =
  | {
      readonly kind: 'planned';
      readonly rowCount: number;
      readonly first: Uint32Array;
      readonly second: Uint32Array;
      readonly digest: string;
      readonly summary: FingerprintPlanSummary;
      readonly worstCase: WorstCaseCheck;
    }
  | {
      readonly kind: 'unmarked';
      readonly rowCount: number;
      readonly reason: UnmarkedReason;
      readonly detail: string;
      readonly summary?: FingerprintPlanSummary;
    };

/** The artifact as the release the gate judged (policy thresholds, classes over the measured QIs). */
export function prepareListingRelease(
  artifact: ColumnTable,
  release: ReleaseDescription,
): PreparedRelease {
  const policy = parsePolicy(release.policyYaml, release.policySource);
  return prepareRelease(
    fingerprintReleaseOf(
      artifact,
      { roles: release.roles, quasiIdentifiers: release.quasiIdentifiers },
      policy,
    ),
  );
}

/**
 * Plans the listing's fingerprint and checks its worst case. A release the fingerprint cannot
 * describe or mark comes back `unmarked` with its reason (deterministic: stored, never retried);
 * other failures throw.
 */
export function planListingFingerprint(
  artifact: ColumnTable,
  request: FingerprintPlanningRequest,
): PlannedFingerprint {
  const rowCount = artifact.numRows();
  let prepared: PreparedRelease;
  try {
    prepared = prepareListingRelease(artifact, request.release);
  } catch (error) {
    if (error instanceof FingerprintError || error instanceof PolicyError)
      return { kind: 'unmarked', rowCount, reason: 'release_undescribed', detail: error.message };
    throw error;
  }
  const plan = planFingerprint(prepared, {
    listingKey: Buffer.from(request.listingKeyHex, 'hex'),
  });
  const slots = plan.first.length;
  if (slots === 0)
    return {
      kind: 'unmarked',
      rowCount,
      reason: 'release_too_small',
      detail: `no row of the ${rowCount}-row release can be withheld within the privacy budget`,
      summary: plan.summary,
    };
  const everyMember = new Uint8Array(rowCount);
  for (let s = 0; s < slots; s++) {
    everyMember[plan.first[s]] = 1;
    everyMember[plan.second[s]] = 1;
  }
  const before = prepared.privacy;
  const after = measureCopyPrivacy(prepared.release, prepared.encoded, everyMember);
  try {
    verifyNoPrivacyRegression(before, after);
  } catch (error) {
    if (error instanceof FingerprintError && error.code === 'fingerprint_privacy_regression')
      return {
        kind: 'unmarked',
        rowCount,
        reason: 'privacy_regression',
        detail: error.message,
        summary: plan.summary,
      };
    throw error;
  }
  return {
    kind: 'planned',
    rowCount,
    first: plan.first,
    second: plan.second,
    digest: plan.digest,
    summary: plan.summary,
    worstCase: {
      rowsWithheld: 2 * slots,
      classesBefore: before.measurement.classes,
      classesAfter: after.measurement.classes,
      kBefore: before.measurement.k,
      kAfter: after.measurement.k,
    },
  };
}
