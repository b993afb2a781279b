// The analysis a reviewer reads beside the privacy models: re-identification risk before and after,
// how much the quasi-identifiers tell records apart, each attribute's statistics before and after,
// numeric columns measured on their scale, and warnings (a column that became constant, a high t).
import { countCodes, type DictionaryColumn } from '../table/dictionary-column.js';
import { equivalenceClassSizes } from './class-sizes.js';
import type { CategoricalStatistics, NumericStatistics } from './column-statistics.js';
import {
  categoricalStatisticsOfCounts,
  numericStatisticsOfRuns,
  quantileOfRuns,
} from './column-statistics.js';
import type { DistinctionSeparation } from './distinction-separation.js';
import { distinctionSeparationOfSizes } from './distinction-separation.js';
import { earthMoversDistance, meanAbsoluteChange } from './numeric-distance.js';
import { numberRunsOfCounts, type NumberRuns } from './number-runs.js';
import { numbersOfDictionary, numericDictionary } from './numeric-values.js';
import type { RiskFigures } from './reidentification-risk.js';
import { measureRiskOfClassSizes } from './reidentification-risk.js';

/** A t-closeness at or above this is flagged: a class's distribution differs from the table's by half its mass or more. */
export const HIGH_T_CLOSENESS = 0.5;

/** k and prosecutor risk of one table over a set of quasi-identifiers. */
export interface RiskSnapshot {
  readonly records: number;
  readonly classes: number;
  readonly k: number;
  readonly prosecutor: RiskFigures;
  readonly sampleUniques: number;
}

export interface QuasiIdentifierFigures {
  readonly name: string;
  /** Null when the original column is not in the input under this name. */
  readonly before: DistinctionSeparation | null;
  readonly after: DistinctionSeparation;
}

/** Equal-width bins shared by before and after, over the original's 5th–95th percentile. */
export interface NumericHistogram {
  /** Bin edges, ascending; bin i is [edges[i], edges[i+1]); the first and last are open-ended. */
  readonly edges: readonly number[];
  readonly before: readonly number[];
  readonly after: readonly number[];
}

export type ColumnAnalysis =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      readonly before: NumericStatistics;
      readonly after: NumericStatistics;
      /** Earth mover's distance / original 5–95 % range. */
      readonly emd: number;
      /** Mean |released − original| per record / the same range; null when no row has both. */
      readonly meanAbsoluteChange: number | null;
      readonly histogram: NumericHistogram;
      readonly becameConstant: boolean;
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly before: CategoricalStatistics;
      readonly after: CategoricalStatistics;
      readonly becameConstant: boolean;
    };

export interface AnalysisFlag {
  readonly kind: 'constant_column' | 'high_t_closeness';
  readonly column: string;
  /** The t measured, for `high_t_closeness`. */
  readonly value?: number;
}

export interface ReleaseAnalysis {
  readonly risk: {
    readonly quasiIdentifiers: readonly string[];
    /** Over the original values of the same columns, every input row. Null when one is missing. */
    readonly before: RiskSnapshot | null;
    readonly after: RiskSnapshot;
  };
  readonly quasiIdentifiers: {
    readonly attributes: readonly QuasiIdentifierFigures[];
    readonly set: {
      readonly before: DistinctionSeparation | null;
      readonly after: DistinctionSeparation;
    };
  };
  readonly columns: readonly ColumnAnalysis[];
  readonly flags: readonly AnalysisFlag[];
}

export interface ReleaseAnalysisInput {
  /** Columns released under their input name: the original and the released column, rows aligned. */
  readonly pairs: readonly {
    readonly original: DictionaryColumn;
    readonly released: DictionaryColumn;
  }[];
  /** The quasi-identifiers measured: released column, and the original when the input has it. */
  readonly quasiIdentifiers: readonly {
    readonly original?: DictionaryColumn;
    readonly released: DictionaryColumn;
  }[];
  /** Released columns that hold one value for every released row (the gate's figure). */
  readonly constantColumns: readonly string[];
  /** t-closeness per sensitive attribute, as measured. */
  readonly tCloseness: readonly { readonly name: string; readonly t: number }[];
  /** Rows not released (suppressed). */
  readonly suppressed?: Uint8Array;
  /**
   * The class sizes of the released quasi-identifiers over the released rows, when the caller has
   * them already (the gate measured the same classes); computed here otherwise.
   */
  readonly releasedClassSizes?: Int32Array;
  readonly riskThreshold: number;
  readonly histogramBins?: number;
}

/**
 * Measures the whole analysis. Each column read is counted once per side (rows per code), and
 * the statistics, each attribute's distinction and the numeric sorts all start from those counts:
 * work over rows is a few typed-array passes, the rest scales with distinct values.
 */
export function analyzeRelease(input: ReleaseAnalysisInput): ReleaseAnalysis {
  const excluded = input.suppressed;
  const quasi = input.quasiIdentifiers;
  const originals = quasi.map((q) => q.original);
  const allOriginals = originals.every((c): c is DictionaryColumn => c !== undefined);
  const released = quasi.map((q) => q.released);
  const countsBefore = codeCounter(undefined);
  // With no row withheld, a column released unchanged is counted once for both sides.
  const countsAfter = excluded === undefined ? countsBefore : codeCounter(excluded);
  const columns = input.pairs.map((pair) =>
    analyzeColumn(
      pair,
      { before: countsBefore(pair.original), after: countsAfter(pair.released) },
      excluded,
      input.histogramBins,
    ),
  );
  const constant = new Set(input.constantColumns);
  for (const column of columns) if (column.becameConstant) constant.add(column.name);
  // One class computation per side serves both the risk and the set's distinction and separation.
  const before = allOriginals
    ? setFigures(equivalenceClassSizes(originals), input.riskThreshold)
    : null;
  const after = setFigures(
    input.releasedClassSizes ?? equivalenceClassSizes(released, excluded),
    input.riskThreshold,
  );
  const allRows = released[0]?.codes.length ?? 0;
  const releasedRows = excluded === undefined ? allRows : countReleasedRows(excluded);
  return {
    risk: {
      quasiIdentifiers: released.map((c) => c.name),
      before: before?.risk ?? null,
      after: after.risk,
    },
    quasiIdentifiers: {
      attributes: quasi.map((q) => ({
        name: q.released.name,
        before: q.original ? distinctionSeparationOfSizes(countsBefore(q.original), allRows) : null,
        after: distinctionSeparationOfSizes(countsAfter(q.released), releasedRows),
      })),
      set: {
        before: before === null || quasi.length === 0 ? null : before.distinction,
        after: after.distinction,
      },
    },
    columns,
    flags: [
      ...[...constant].map((column): AnalysisFlag => ({ kind: 'constant_column', column })),
      ...input.tCloseness
        .filter((s) => s.t >= HIGH_T_CLOSENESS)
        .map((s): AnalysisFlag => ({ kind: 'high_t_closeness', column: s.name, value: s.t })),
    ],
  };
}

/** Rows per code of a column over the rows not in `excluded`, counted on first request. */
function codeCounter(excluded: Uint8Array | undefined): (column: DictionaryColumn) => Int32Array {
  const counted = new Map<DictionaryColumn, Int32Array>();
  return (column) => {
    let counts = counted.get(column);
    if (counts === undefined) {
      counts = countCodes(column, excluded);
      counted.set(column, counts);
    }
    return counts;
  };
}

function countReleasedRows(excluded: Uint8Array): number {
  let rows = 0;
  for (let row = 0; row < excluded.length; row++) if (excluded[row] === 0) rows++;
  return rows;
}

function setFigures(
  sizes: Int32Array,
  threshold: number,
): { risk: RiskSnapshot; distinction: DistinctionSeparation } {
  const risk = measureRiskOfClassSizes(sizes, { threshold });
  let records = 0;
  let k = 0;
  for (const size of sizes) {
    records += size;
    if (k === 0 || size < k) k = size;
  }
  return {
    risk: {
      records,
      classes: sizes.length,
      k,
      prosecutor: risk.prosecutor,
      sampleUniques: risk.sampleUniques,
    },
    distinction: distinctionSeparationOfSizes(sizes, records),
  };
}

function analyzeColumn(
  pair: ReleaseAnalysisInput['pairs'][number],
  counts: { readonly before: Int32Array; readonly after: Int32Array },
  excluded: Uint8Array | undefined,
  bins = 10,
): ColumnAnalysis {
  const { original, released } = pair;
  const beforeCategories = categoricalStatisticsOfCounts(original.dictionary, counts.before);
  const afterCategories = categoricalStatisticsOfCounts(released.dictionary, counts.after);
  const becameConstant = beforeCategories.distinct > 1 && afterCategories.distinct <= 1;
  const originalNumbers = numericDictionary(original);
  if (originalNumbers === undefined)
    return {
      name: original.name,
      kind: 'categorical',
      before: beforeCategories,
      after: afterCategories,
      becameConstant,
    };
  const before = numberRunsOfCounts(originalNumbers, counts.before);
  const low = quantileOfRuns(before, 0.05);
  const high = quantileOfRuns(before, 0.95);
  // An open interval ("<250", ">=65") ends at the original's 5th / 95th percentile: its extremes
  // are single records and would drag the interval's midpoint far out.
  const bounds = { low, high };
  const releasedNumbers = numbersOfDictionary(released, bounds);
  const after = numberRunsOfCounts(releasedNumbers, counts.after);
  const range = high - low;
  const change = meanAbsoluteChange(original, released, range, bounds, excluded, {
    before: originalNumbers,
    after: releasedNumbers,
  });
  return {
    name: original.name,
    kind: 'numeric',
    before: numericStatisticsOfRuns(before),
    after: numericStatisticsOfRuns(after),
    emd: earthMoversDistance(before, after, range),
    meanAbsoluteChange: Number.isNaN(change) ? null : change,
    histogram: sharedHistogram(before, after, low, high, bins),
    becameConstant,
  };
}

/** Counts of both sides in `bins` equal-width bins over [low, high], the end bins open-ended. */
function sharedHistogram(
  before: NumberRuns,
  after: NumberRuns,
  low: number,
  high: number,
  bins: number,
): NumericHistogram {
  const count = high > low ? bins : 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => low + ((high - low) * i) / count);
  const binOf = (value: number) => {
    if (!(high > low)) return 0;
    const bin = Math.floor(((value - low) / (high - low)) * count);
    return Math.min(count - 1, Math.max(0, bin));
  };
  // Naively, counts[binOf(value)]++ for every row's value. binOf never decreases as the value
  // grows (each floating-point step rounds monotonically), so each bin is a stretch of runs:
  // its last run is found by binary search, its count read from the runs' ends.
  const tally = ({ values, ends }: NumberRuns) => {
    const counts = new Array<number>(count).fill(0);
    let firstRun = 0;
    let rowsBefore = 0;
    for (let bin = 0; bin < count; bin++) {
      let lowRun = firstRun;
      let highRun = values.length;
      while (lowRun < highRun) {
        const middle = (lowRun + highRun) >>> 1;
        if (binOf(values[middle]) <= bin) lowRun = middle + 1;
        else highRun = middle;
      }
      const rowsThrough = lowRun === 0 ? 0 : ends[lowRun - 1];
      counts[bin] = rowsThrough - rowsBefore;
      rowsBefore = rowsThrough;
      firstRun = lowRun;
    }
    return counts;
  };
  return { edges, before: tally(before), after: tally(after) };
}
