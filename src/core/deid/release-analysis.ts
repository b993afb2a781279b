// The release's analysis for its report (core/privacy `analyzeRelease`): which original and
// released columns to compare, which quasi-identifiers, which warnings the gate's figures give.
import { analyzeRelease, type ReleaseAnalysis } from '../privacy/index.js';
import type { EquivalenceClasses, PrivacyMeasurement } from '../privacy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { ColumnUniqueness } from './gate/column-uniqueness.js';
import type { OutputColumn } from './pipeline-types.js';
import type { Policy } from './policy.js';

export interface ReleaseAnalysisOfRun {
  readonly policy: Policy;
  readonly inputColumns: ReadonlyMap<string, DictionaryColumn>;
  readonly outputs: readonly OutputColumn[];
  /** The quasi-identifiers measured (every knowable non-sensitive released column). */
  readonly quasiIdentifiers: readonly DictionaryColumn[];
  readonly suppressed: Uint8Array | undefined;
  /** The measure stage's classes of the released rows over `quasiIdentifiers`: not computed twice. */
  readonly releasedClasses: EquivalenceClasses;
  readonly columnUniqueness: readonly ColumnUniqueness[];
  readonly privacy: PrivacyMeasurement | undefined;
}

/**
 * Compares each released column that keeps its input name (identifiers and free text excluded, as
 * for utility: no identifier's original statistics reach the report), measures the quasi-identifiers
 * before (original values, every row) and after (released rows), and flags constant released
 * columns and high t-closeness.
 */
export function analyzeRun(run: ReleaseAnalysisOfRun): ReleaseAnalysis {
  const released = new Map(run.outputs.map((o) => [o.column.name, o.column]));
  const pairs = run.policy.columns
    .filter(
      (c) =>
        c.role !== 'identifier' &&
        c.role !== 'text' &&
        released.has(c.name) &&
        run.inputColumns.has(c.name),
    )
    .map((c) => ({ original: run.inputColumns.get(c.name)!, released: released.get(c.name)! }));
  return analyzeRelease({
    pairs,
    quasiIdentifiers: run.quasiIdentifiers.map((column) => {
      const original = run.inputColumns.get(column.name);
      return original ? { original, released: column } : { released: column };
    }),
    constantColumns: run.columnUniqueness.filter((c) => c.constant).map((c) => c.column),
    tCloseness: (run.privacy?.sensitive ?? []).map((s) => ({ name: s.name, t: s.t })),
    ...(run.suppressed ? { suppressed: run.suppressed } : {}),
    // With no quasi-identifier the measure stage counts no class; the analysis counts one.
    ...(run.quasiIdentifiers.length > 0
      ? { releasedClassSizes: run.releasedClasses.classSizes }
      : {}),
    riskThreshold: run.policy.privacy?.riskThreshold ?? 0.05,
  });
}
