// Stage 5a, released columns one by one: how unique each is, which became constant, and which
// near-unique columns are de facto identifiers.
import { measureColumnUniqueness, type ColumnUniqueness } from '../gate/column-uniqueness.js';
import { checkNearUnique } from '../gate/near-unique.js';
import type { GateRefusal } from '../gate/refusal.js';
import type { OutputColumn } from '../pipeline-types.js';
import type { RunControl } from './run-control.js';

export interface ReleasedColumnJudgement {
  /** One per released column, over the released rows. */
  readonly uniqueness: readonly ColumnUniqueness[];
  readonly refusals: readonly GateRefusal[];
}

/**
 * Measures every released column and refuses near-unique ones except where the rule does not
 * apply: columns k is measured over (`underK`: suppression and the k check already judge their
 * unique rows) and columns nobody can link (`knowable: false`: keyed pseudonyms, synthetic draws).
 */
export function judgeReleasedColumns(
  outputs: readonly OutputColumn[],
  underK: (output: OutputColumn) => boolean,
  suppressed: Uint8Array | undefined,
  control: RunControl,
): ReleasedColumnJudgement {
  const uniqueness: ColumnUniqueness[] = [];
  const refusals: GateRefusal[] = [];
  for (const output of outputs) {
    control.checkAbort();
    const measured = measureColumnUniqueness(output.column, suppressed);
    uniqueness.push(measured);
    if (output.knowable && !underK(output))
      refusals.push(...checkNearUnique(output.column, measured));
  }
  return { uniqueness, refusals };
}
