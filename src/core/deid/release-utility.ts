// Utility of a release for its report: which original and released columns to compare, with which hierarchies.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import {
  measureUtility,
  type ColumnDistribution,
  type EquivalenceClasses,
  type UtilityMeasurement,
} from '../privacy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { Policy } from './policy.js';

export interface ReleaseUtilityInput {
  readonly policy: Policy;
  /** Encoded input columns by name (columns the policy only drops are absent). */
  readonly inputColumns: ReadonlyMap<string, DictionaryColumn>;
  /** Output columns before row suppression, aligned row by row with the input. */
  readonly outputs: readonly DictionaryColumn[];
  /** Parsed hierarchy files by the path written in the policy. */
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  /** Levels the search chose for `level: auto` steps, by column. */
  readonly chosenLevels: ReadonlyMap<string, number>;
  /** Classes over the released quasi-identifiers, suppressed rows excluded. */
  readonly classes: EquivalenceClasses;
  readonly suppressed?: Uint8Array;
  /**
   * Bars of an original (before) distribution for fewer rows than this are folded into `other`:
   * the report must not show an original value held by fewer records than a released class.
   */
  readonly minBarCount: number;
}

/**
 * Measures the release's utility (core/privacy `measureUtility`): ARX-compatible Loss and
 * precision over the columns whose last step is a hierarchy generalization (at the level the
 * policy or the search fixed), discernibility and average class size over `classes`, and per
 * released column that keeps its input name — identifiers and free text excluded, so no original
 * identifier value reaches the report — the total-variation distance, non-uniform entropy and before/after
 * bars. Work: a few typed-array passes over each compared column's codes.
 */
export function measureReleaseUtility(input: ReleaseUtilityInput): UtilityMeasurement {
  const released = new Map(input.outputs.map((column) => [column.name, column]));
  const pairs = input.policy.columns.filter(
    (c) =>
      c.role !== 'identifier' &&
      c.role !== 'text' &&
      released.has(c.name) &&
      input.inputColumns.has(c.name),
  );
  const hierarchies = new Map<string, { hierarchy: GeneralizationHierarchy; level?: number }>();
  for (const column of pairs) {
    const last = column.transforms.at(-1);
    if (last?.kind !== 'hierarchy') continue;
    const hierarchy = input.hierarchies.get(last.file);
    const level = last.level === 'auto' ? input.chosenLevels.get(column.name) : last.level;
    if (hierarchy && level !== undefined) hierarchies.set(column.name, { hierarchy, level });
  }
  const utility = measureUtility({
    original: pairs.map((c) => input.inputColumns.get(c.name)!),
    released: pairs.map((c) => released.get(c.name)!),
    hierarchies,
    classes: input.classes,
    ...(input.suppressed ? { suppressed: input.suppressed } : {}),
  });
  return {
    ...utility,
    columns: utility.columns.map((column) => ({
      ...column,
      before: hideSmallBars(column.before, input.minBarCount),
    })),
  };
}

function hideSmallBars(distribution: ColumnDistribution, minCount: number): ColumnDistribution {
  const bars = distribution.bars.filter((bar) => bar.count >= minCount);
  const hidden = distribution.bars.reduce(
    (sum, bar) => (bar.count >= minCount ? sum : sum + bar.count),
    0,
  );
  return { ...distribution, bars, otherCount: distribution.otherCount + hidden };
}
