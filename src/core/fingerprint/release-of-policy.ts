// The fingerprinting view of a pipeline's released table: classes over every non-sensitive column
// (the gate's rule: an attacker may know any of them), the policy's thresholds as the models name them.
import type { ColumnTable } from 'arquero';
import { toModelRequirements, type ColumnRole, type Policy } from '../deid/index.js';
import type { FingerprintRelease } from './fingerprint-release.js';

/**
 * The release of `table` whose columns have `roles` (as runPipeline returns them) under `policy`.
 * Every released column that is not sensitive counts as a quasi-identifier.
 */
export function fingerprintReleaseOf(
  table: ColumnTable,
  roles: Readonly<Record<string, ColumnRole>>,
  policy: Policy,
): FingerprintRelease {
  const columns = table.columnNames();
  const privacy = policy.privacy;
  return {
    table,
    quasiIdentifiers: columns.filter((name) => roles[name] !== 'sensitive'),
    sensitive: columns.filter((name) => roles[name] === 'sensitive'),
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
