// Utility metrics the search minimizes, with the lower bounds that let it skip nodes.
//
// Definitions (issue #4 "Utility", ARX defaults), n = records, supp = suppressed records:
//   loss       per attribute mean over records of (leaves under the value − 1)/(leaves − 1), a
//              suppressed record counting 1; geometric mean of (1 + per-attribute) − 1.
//   precision  per attribute mean over records of level/(height − 1), suppressed counting 1;
//              mean over attributes (1 − Sweeney's Prec: lower is better, like every metric here).
//   dm         Σ f² over released classes + supp × n (discernibility).
//   aecs       n / released classes (n when every record is suppressed).
// Sums per attribute are kept as integers so equal transformations compare exactly equal.
import type { NodeClasses } from './node-classes.js';
import type { NodeVerdict } from './node-verdict.js';

export type SearchMetric = 'loss' | 'dm' | 'aecs' | 'precision';

export const SEARCH_METRICS: readonly SearchMetric[] = ['loss', 'dm', 'aecs', 'precision'];

/** Per-attribute tables precomputed from the hierarchies and the data's value counts. */
export interface MetricTables {
  readonly recordCount: number;
  readonly heights: Int32Array;
  readonly totalLeaves: Int32Array;
  /** `leafExcess[j][level][code]` = leaves under that label − 1. */
  readonly leafExcess: readonly (readonly Int32Array[])[];
  /** `levelExcess[j][level]` = Σ over records of the leaf excess of their value at that level. */
  readonly levelExcess: readonly Float64Array[];
  /** `distinctInData[j][level]` = labels at that level that some record holds. */
  readonly distinctInData: readonly Int32Array[];
  /** `maxExcessInData[j][level]` = the largest leaf excess of a label some record holds. */
  readonly maxExcessInData: readonly Int32Array[];
}

/** Loss from per-attribute integer sums S_j = Σ leaf excess (suppressed records at leaves − 1). */
export function lossFromSums(sums: Float64Array, suppressed: number, tables: MetricTables): number {
  const n = tables.recordCount;
  const q = sums.length;
  if (n === 0 || q === 0) return 0;
  let logSum = 0;
  for (let j = 0; j < q; j++) {
    const denominator = tables.totalLeaves[j] - 1;
    const share = denominator > 0 ? sums[j] / (n * denominator) : suppressed / n;
    logSum += Math.log1p(share);
  }
  return Math.expm1(logSum / q);
}

/** Precision loss of a full-domain node with `suppressed` records suppressed. */
export function precisionOf(levels: Int32Array, suppressed: number, tables: MetricTables): number {
  const n = tables.recordCount;
  const q = levels.length;
  if (n === 0 || q === 0) return 0;
  let total = 0;
  for (let j = 0; j < q; j++) {
    const top = tables.heights[j] - 1;
    total +=
      top > 0 ? ((n - suppressed) * levels[j] + suppressed * top) / (n * top) : suppressed / n;
  }
  return total / q;
}

/** The metric of a node given its classes and which of them are suppressed. */
export function measureNode(
  metric: SearchMetric,
  classes: NodeClasses,
  verdict: NodeVerdict,
  tables: MetricTables,
): number {
  const n = tables.recordCount;
  const suppressed = verdict.suppressedCount;
  switch (metric) {
    case 'dm':
      return verdict.releasedSquares + suppressed * n;
    case 'aecs':
      return n === 0 ? 0 : verdict.releasedClassCount === 0 ? n : n / verdict.releasedClassCount;
    case 'precision':
      return precisionOf(classes.levels, suppressed, tables);
    case 'loss': {
      const q = classes.levels.length;
      const sums = new Float64Array(q);
      for (let j = 0; j < q; j++) sums[j] = tables.levelExcess[j][classes.levels[j]];
      if (suppressed > 0) {
        // Replace the suppressed records' excess by the whole hierarchy's (they count 1).
        const { failing } = verdict;
        const { classOfEntry, counts } = classes;
        for (let e = 0; e < classes.entryCount; e++) {
          if (failing[classOfEntry[e]] === 0) continue;
          const count = counts[e];
          for (let j = 0; j < q; j++)
            sums[j] -= count * tables.leafExcess[j][classes.levels[j]][classes.codes[j][e]];
        }
        for (let j = 0; j < q; j++) sums[j] += suppressed * (tables.totalLeaves[j] - 1);
      }
      return lossFromSums(sums, suppressed, tables);
    }
  }
}

/**
 * A lower bound of the metric of the node `levels` when at least `suppressed` records are
 * suppressed and every released class holds at least `minClassSize` records. Each bound only
 * grows with `suppressed` and upward in the lattice.
 * - loss: a suppressed record's cell goes from its leaf excess to leaves − 1, so at least by
 *   (leaves − 1 − the largest excess at that level) per attribute.
 * - precision: exact for a given number of suppressed records.
 * - dm: Σ f² ≥ n²/classes (Cauchy–Schwarz) with classes ≤ min(n, Π distinct labels); a suppressed
 *   class adds f·n ≥ f²; and each released class has f ≥ k, so Σ f² ≥ k·(n − s).
 * - aecs: n / classes ≥ n / min(n, Π distinct); released classes ≤ (n − s)/k.
 */
export function lowerBoundWithSuppression(
  metric: SearchMetric,
  levels: Int32Array,
  suppressed: number,
  minClassSize: number,
  tables: MetricTables,
): number {
  const n = tables.recordCount;
  if (n === 0) return 0;
  const k = Math.min(Math.max(1, minClassSize), n);
  switch (metric) {
    case 'loss': {
      const q = levels.length;
      if (q === 0) return 0;
      let logSum = 0;
      for (let j = 0; j < q; j++) {
        const top = tables.totalLeaves[j] - 1;
        const level = levels[j];
        const share =
          top > 0
            ? (tables.levelExcess[j][level] +
                suppressed * (top - tables.maxExcessInData[j][level])) /
              (n * top)
            : suppressed / n;
        logSum += Math.log1p(share);
      }
      return Math.expm1(logSum / q);
    }
    case 'precision':
      return precisionOf(levels, suppressed, tables);
    case 'dm':
    case 'aecs': {
      let classes = 1;
      for (let j = 0; j < levels.length && classes < n; j++)
        classes *= tables.distinctInData[j][levels[j]];
      classes = Math.min(classes, n);
      const released = n - suppressed;
      if (metric === 'dm') return Math.max((n * n) / classes, k * released + suppressed * n);
      if (released < k) return n;
      return Math.max(n / classes, (n * k) / released);
    }
  }
}

/** The bound before anything is known about a node's suppression (see `lowerBoundWithSuppression`). */
export function staticLowerBound(
  metric: SearchMetric,
  levels: Int32Array,
  tables: MetricTables,
  minClassSize = 1,
): number {
  return lowerBoundWithSuppression(metric, levels, 0, minClassSize, tables);
}

/**
 * A bound that an evaluated node hands to every node above it: the metric it would have with
 * nothing suppressed, which only grows upward (merging classes raises Σ f² and lowers their
 * number) and never exceeds the metric with suppression. Null when the static bound is as good.
 */
export function inheritedLowerBound(
  metric: SearchMetric,
  verdict: NodeVerdict,
  classes: NodeClasses,
  tables: MetricTables,
): number | null {
  if (metric === 'dm') return verdict.allSquares;
  if (metric === 'aecs')
    return classes.classCount === 0 ? 0 : tables.recordCount / classes.classCount;
  return null;
}
