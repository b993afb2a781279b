// The utility entry point: every utility figure of a release in one call, for the report and for
// buyers (what was lost), from the original and released columns aligned row by row.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { EquivalenceClasses } from './equivalence-classes.js';
import type { HierarchyUtility } from './hierarchy-utility.js';
import { measureHierarchyUtility } from './hierarchy-utility.js';
import { PrivacyError } from './privacy-error.js';
import type { MarginalBar } from './utility-metrics.js';
import {
  checkAligned,
  countRows,
  marginalDistanceOfCounts,
  measureAverageClassSize,
  measureDiscernibility,
  nonUniformEntropyOfCounts,
  topValuesOfCounts,
} from './utility-metrics.js';

export interface UtilityInput {
  /** Original columns (before transformation), by name. */
  readonly original: readonly DictionaryColumn[];
  /** Released columns, same names and rows as `original` (suppressed rows included, flagged). */
  readonly released: readonly DictionaryColumn[];
  /** Hierarchies of generalized quasi-identifiers, by column name, with the level when known. */
  readonly hierarchies?: ReadonlyMap<
    string,
    { hierarchy: GeneralizationHierarchy; level?: number }
  >;
  /** Classes over the released quasi-identifiers (for DM and AECS). */
  readonly classes: EquivalenceClasses;
  readonly suppressed?: Uint8Array;
  /** Bars per before/after chart; 8 by default. */
  readonly chartBars?: number;
}

export interface ColumnDistribution {
  readonly bars: readonly MarginalBar[];
  readonly otherCount: number;
  readonly total: number;
}

export interface ColumnUtility {
  readonly name: string;
  /** Total-variation distance between the original and released marginals, in [0, 1]. */
  readonly marginalDistance: number;
  /** Non-uniform entropy in bits over all records. */
  readonly nonUniformEntropyBits: number;
  readonly before: ColumnDistribution;
  readonly after: ColumnDistribution;
}

export interface UtilityMeasurement {
  /** ARX-compatible Loss and precision over the columns that have hierarchies; null without any. */
  readonly hierarchy: HierarchyUtility | null;
  readonly discernibility: number;
  readonly averageClassSize: number;
  readonly columns: readonly ColumnUtility[];
}

/**
 * Measures every utility figure; requires `released` to hold a column for each `original` name.
 * Each column's rows are counted once (original over all rows, released without suppressed rows)
 * and every per-column figure is taken from those counts plus one pass for the entropy.
 */
export function measureUtility(input: UtilityInput): UtilityMeasurement {
  const releasedByName = new Map(input.released.map((column) => [column.name, column]));
  const limit = input.chartBars ?? 8;
  const columns = input.original.map((original): ColumnUtility => {
    const released = releasedByName.get(original.name);
    if (released === undefined) {
      throw new PrivacyError('privacy_unknown_column', `no released column ${original.name}`, {
        details: { column: original.name },
      });
    }
    checkAligned(original, released);
    const originalCounts = countRows(original);
    const releasedCounts = countRows(released, input.suppressed);
    return {
      name: original.name,
      marginalDistance: marginalDistanceOfCounts(
        original,
        originalCounts,
        released,
        releasedCounts,
      ),
      nonUniformEntropyBits: nonUniformEntropyOfCounts(
        original,
        released,
        originalCounts,
        releasedCounts,
        input.suppressed,
      ),
      before: topValuesOfCounts(original, originalCounts, limit),
      after: topValuesOfCounts(released, releasedCounts, limit),
    };
  });
  const generalized = [...(input.hierarchies ?? new Map())]
    .filter(([name]) => releasedByName.has(name))
    .map(([name, { hierarchy, level }]) => ({
      released: releasedByName.get(name)!,
      hierarchy,
      level,
    }));
  return {
    hierarchy:
      generalized.length === 0 ? null : measureHierarchyUtility(generalized, input.suppressed),
    discernibility: measureDiscernibility(input.classes),
    averageClassSize: measureAverageClassSize(input.classes),
    columns,
  };
}
