// The privacy figures of a release or of a marked copy (the release minus withheld rows), measured
// with the same models and thresholds as the gate, and the check that a copy regresses on none.
import {
  checkPrivacyRequirements,
  computeEquivalenceClasses,
  measurePrivacyOfClasses,
  type ModelCheck,
  type PrivacyMeasurement,
} from '../privacy/index.js';
import type { EncodedRelease, FingerprintRelease } from './fingerprint-release.js';
import { FingerprintError } from './fingerprint-error.js';

export interface CopyPrivacy {
  readonly measurement: PrivacyMeasurement;
  /** The release's requirements checked on this table, then the GB/T 42460 verdict. */
  readonly checks: readonly ModelCheck[];
  readonly gbt42460Pass: boolean;
}

/** Measures the release, or with `withheld` (1 = row not delivered) the copy without those rows. */
export function measureCopyPrivacy(
  release: FingerprintRelease,
  encoded: EncodedRelease,
  withheld?: Uint8Array,
): CopyPrivacy {
  const classes =
    withheld === undefined
      ? encoded.classes
      : computeEquivalenceClasses(encoded.quasiIdentifiers, { suppressed: withheld });
  const recursive = new Map(
    (release.requirements.l ?? [])
      .filter((requirement) => requirement.model === 'recursive')
      .map((requirement) => [requirement.attribute, requirement.l]),
  );
  const gbt = release.gbt42460;
  const measurement = measurePrivacyOfClasses(classes, {
    quasiIdentifiers: encoded.quasiIdentifiers,
    sensitive: encoded.sensitive.map((column) => ({
      column,
      ...(recursive.has(column.name) ? { recursiveL: recursive.get(column.name) } : {}),
    })),
    ...(withheld === undefined ? {} : { suppressed: withheld }),
    ...(gbt === undefined
      ? {}
      : {
          riskThreshold: gbt.riskThreshold,
          gbt42460: {
            context: gbt.context,
            riskThreshold: gbt.riskThreshold,
            ...(gbt.probabilities === undefined ? {} : { probabilities: gbt.probabilities }),
          },
        }),
  });
  return {
    measurement,
    checks: checkPrivacyRequirements(measurement, release.requirements),
    gbt42460Pass: measurement.gbt42460.pass,
  };
}

/**
 * Throws `fingerprint_privacy_regression` when the copy fails a check the release passes, loses
 * or gains a class, or lowers k: a marked copy is never less private than what was approved.
 */
export function verifyNoPrivacyRegression(before: CopyPrivacy, after: CopyPrivacy): void {
  const regressions: Record<string, unknown>[] = [];
  before.checks.forEach((check, index) => {
    const now = after.checks[index];
    if (check.pass && !now.pass)
      regressions.push({
        model: check.model,
        attribute: check.attribute,
        before: check.value,
        after: now.value,
      });
  });
  if (before.gbt42460Pass && !after.gbt42460Pass)
    regressions.push({
      model: 'gbt42460',
      before: before.measurement.gbt42460.R,
      after: after.measurement.gbt42460.R,
    });
  if (before.measurement.classes !== after.measurement.classes)
    regressions.push({
      model: 'classes',
      before: before.measurement.classes,
      after: after.measurement.classes,
    });
  if (after.measurement.k < before.measurement.k)
    regressions.push({ model: 'k', before: before.measurement.k, after: after.measurement.k });
  if (regressions.length > 0) {
    throw new FingerprintError(
      'fingerprint_privacy_regression',
      `the marked copy would fail ${regressions.length} privacy figure(s) the release passes`,
      { details: { regressions } },
    );
  }
}
