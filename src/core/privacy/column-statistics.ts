// Per-attribute statistics before and after a release: a numeric column's mean, standard deviation
// and quantiles; any column's distinct values and Shannon entropy. Extremes (min, max) are left
// out on purpose: an original minimum or maximum is one record's raw value.
import { countCodes, type DictionaryColumn } from '../table/dictionary-column.js';
import { numberAtRank, type NumberRuns } from './number-runs.js';
import { isMissingCell, numberRuns, type NumericBounds } from './numeric-values.js';

/** Quantile levels reported for a numeric column. */
export const QUANTILE_LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

export interface NumericStatistics {
  /** Rows with a number (missing and non-numeric cells excluded). */
  readonly count: number;
  /** Null when no row has a number (as every figure below). */
  readonly mean: number | null;
  /** Population standard deviation. */
  readonly deviation: number | null;
  /** Values at QUANTILE_LEVELS (linear interpolation between order statistics, "type 7"). */
  readonly quantiles: readonly (number | null)[];
}

export interface CategoricalStatistics {
  /** Rows with a value that is not missing. */
  readonly count: number;
  readonly distinct: number;
  /** Shannon entropy of the marginal, in bits (0 for a constant column). */
  readonly entropyBits: number;
}

/** Quantile `level` of a sorted sample (type 7, R's default); NaN when empty. */
export function quantileOfRuns(runs: NumberRuns, level: number): number {
  const n = runs.total;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * level;
  const below = Math.floor(position);
  const atBelow = numberAtRank(runs, below);
  const atAbove = numberAtRank(runs, Math.min(n - 1, below + 1));
  return atBelow + (atAbove - atBelow) * (position - below);
}

/**
 * Mean, deviation and quantiles of a sorted sample. The sums add each number once per row, in
 * ascending order, exactly as a loop over the sample sorted would (the same figures to the bit).
 */
export function numericStatisticsOfRuns(runs: NumberRuns): NumericStatistics {
  const n = runs.total;
  if (n === 0)
    return { count: 0, mean: null, deviation: null, quantiles: QUANTILE_LEVELS.map(() => null) };
  const { values, ends } = runs;
  let sum = 0;
  for (let run = 0, rank = 0; run < values.length; run++)
    for (; rank < ends[run]; rank++) sum += values[run];
  const mean = sum / n;
  let squares = 0;
  for (let run = 0, rank = 0; run < values.length; run++) {
    const difference = values[run] - mean;
    for (; rank < ends[run]; rank++) squares += difference * difference;
  }
  return {
    count: n,
    mean,
    deviation: Math.sqrt(squares / n),
    quantiles: QUANTILE_LEVELS.map((level) => quantileOfRuns(runs, level)),
  };
}

/** Numeric statistics of a column's rows not in `excluded`. */
export function numericStatistics(
  column: DictionaryColumn,
  intervals?: NumericBounds,
  excluded?: Uint8Array,
): NumericStatistics {
  return numericStatisticsOfRuns(numberRuns(column, intervals, excluded));
}

/** Distinct values and entropy of a column's rows not in `excluded`, missing cells left out. */
export function categoricalStatistics(
  column: DictionaryColumn,
  excluded?: Uint8Array,
): CategoricalStatistics {
  return categoricalStatisticsOfCounts(column.dictionary, countCodes(column, excluded));
}

/** The same from the rows per code (`counts[code]` rows hold `dictionary[code]`). */
export function categoricalStatisticsOfCounts(
  dictionary: readonly string[],
  counts: ArrayLike<number>,
): CategoricalStatistics {
  let count = 0;
  let distinct = 0;
  const counted = new Uint8Array(counts.length);
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0 || isMissingCell(dictionary[code])) continue;
    counted[code] = 1;
    count += counts[code];
    distinct++;
  }
  let entropyBits = 0;
  for (let code = 0; code < counts.length; code++) {
    if (counted[code] === 0) continue;
    const p = counts[code] / count;
    entropyBits -= p * Math.log2(p);
  }
  return { count, distinct, entropyBits: entropyBits === 0 ? 0 : entropyBits };
}
