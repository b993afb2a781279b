// The fingerprinting view of a pipeline's released table: classes over the columns the gate measured
// k over (every knowable non-sensitive column), the policy's thresholds as the models name them.
import type { ColumnTable } from 'arquero';
import { toModelRequirements, type ColumnRole, type Policy } from '../deid/index.js';
import type { FingerprintRelease } from './fingerprint-release.js';

/**
 * The release of `table` under `policy`, its columns described as the pipeline describes them
 * (`PipelineResult.roles` and `.quasiIdentifierSets.knowable`, also in the run report): classes
 * over the quasi-identifiers the gate measured k over — every released column an attacker could
 * know that is not sensitive — and the sensitive columns by role.
 */
export function fingerprintReleaseOf(
  table: ColumnTable,
  columns: {
    readonly roles: Readonly<Record<string, ColumnRole>>;
    readonly quasiIdentifiers: readonly string[];
  },
  policy: Policy,
): FingerprintRelease {
  const privacy = policy.privacy;
  return {
    table,
    quasiIdentifiers: columns.quasiIdentifiers,
    sensitive: table.columnNames().filter((name) => columns.roles[name] === 'sensitive'),
    requirements: privacy === undefined ? {} : toModelRequirements(policy),
    ...(privacy === undefined
      ? {}
      : {
          gbt42460: {
            context: privacy.context,
            riskThreshold: privacy.riskThreshold,
            probabilities: {
              deliberateAttempt: privacy.attempt.deliberate,
              inadvertentAttempt: privacy.attempt.inadvertent,
              breach: privacy.attempt.breach,
            },
          },
        }),
  };
}
