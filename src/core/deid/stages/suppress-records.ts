// Stage 3, suppression: rows of classes too small (or not diverse enough) for the policy are withheld.
import { CONTEXT_CLASS_THRESHOLD, type EquivalenceClasses } from '../../privacy/index.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from '../gate/refusal.js';
import type { OutputColumn } from '../pipeline-types.js';
import type { Policy } from '../policy.js';
import { minClassSizeForThreshold, suppressViolatingClasses } from '../suppression.js';
import type { RunControl } from './run-control.js';

export interface SuppressedRecords {
  /** `1` = suppressed; undefined when nothing was. */
  readonly mask: Uint8Array | undefined;
  readonly count: number;
  /** The classes over `quasiIdentifiers` when nothing was suppressed (the measure stage reuses them). */
  readonly unsuppressedClasses: EquivalenceClasses | undefined;
  /** max(k, ⌈1/τ⌉ of the GB/T 42460 context); 1 without privacy requirements. */
  readonly minClassSize: number;
  readonly refusals: readonly GateRefusal[];
}

/**
 * Suppresses over the declared `quasiIdentifiers` (nothing without privacy requirements or
 * quasi-identifiers; the gate then judges k over every knowable column, see measureRelease):
 * classes below the minimum class size, classes with fewer distinct values of a sensitive column
 * than its `l`, and rows the search already suppressed. Exceeding the policy's suppression limit
 * is a refusal.
 */
export function suppressRecords(
  policy: Policy,
  quasiIdentifiers: readonly DictionaryColumn[],
  outputs: readonly OutputColumn[],
  searchSuppressed: Uint8Array | undefined,
  rows: number,
  control: RunControl,
): SuppressedRecords {
  const privacy = policy.privacy;
  const minClassSize = privacy
    ? Math.max(privacy.k ?? 1, minClassSizeForThreshold(CONTEXT_CLASS_THRESHOLD[privacy.context]))
    : 1;
  const none = { mask: undefined, count: 0, unsuppressedClasses: undefined, minClassSize };
  if (!privacy || quasiIdentifiers.length === 0) return { ...none, refusals: [] };
  control.progress('suppress', 0, 1);
  const byOutput = new Map(outputs.map((o) => [o.column.name, o.column]));
  const distinctL = Object.entries(privacy.l).flatMap(([name, l]) => {
    const column = byOutput.get(name);
    return column ? [{ column, l }] : [];
  });
  const result = suppressViolatingClasses(quasiIdentifiers, {
    minClassSize,
    distinctL,
    ...(searchSuppressed ? { alsoSuppressed: searchSuppressed } : {}),
  });
  const refusals: GateRefusal[] = [];
  const allowed = Math.floor(privacy.suppressionLimit * rows);
  if (result.count > allowed)
    refusals.push({
      kind: 'suppression_limit_exceeded',
      suppressed: result.count,
      allowed,
      quasiIdentifiers: quasiIdentifiers.map((c) => c.name),
    });
  control.progress('suppress', 1, 1);
  return result.count > 0
    ? {
        mask: result.suppressed,
        count: result.count,
        unsuppressedClasses: undefined,
        minClassSize,
        refusals,
      }
    : { ...none, unsuppressedClasses: result.classes, refusals };
}
