// What a release reads of its input: the columns the policy only drops are sampled for detection,
// every other column is dictionary-encoded. Readers apply it as they parse (core/table EncodePlan).
import { DETECTION_SAMPLE_SIZE } from '../../detect/detect-columns.js';
import type { EncodePlan } from '../../table/encoded-table.js';
import type { Policy } from '../policy.js';

/**
 * True for a column `policy` only drops: never encoded, detected from a sample (unless another
 * column's date shifting reads it as its subject).
 */
export function onlyDroppedColumns(policy: Policy): (name: string) => boolean {
  const byName = new Map(policy.columns.map((c) => [c.name, c]));
  const subjects = new Set(
    policy.columns.flatMap((c) =>
      c.transforms.flatMap((s) => (s.kind === 'date_shift' && s.subject ? [s.subject] : [])),
    ),
  );
  return (name) => {
    const steps = byName.get(name)?.transforms ?? [];
    return steps.length > 0 && steps.every((s) => s.kind === 'drop') && !subjects.has(name);
  };
}

/** The EncodePlan a release of `policy` reads its input with. */
export function toInputPlan(policy: Policy): EncodePlan {
  const isOnlyDropped = onlyDroppedColumns(policy);
  return {
    modeOf: (name) => (isOnlyDropped(name) ? 'sample' : 'encode'),
    sampleSize: DETECTION_SAMPLE_SIZE,
    samples: policy.columns.some((c) => isOnlyDropped(c.name)),
  };
}
