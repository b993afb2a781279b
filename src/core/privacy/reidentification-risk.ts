// Re-identification risk under the prosecutor, journalist and marketer attacker models
// (El Emam & Dankar 2008; the figures ARX reports), plus sample uniqueness.
import type { EquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

/** Figures for one attacker model; shares and probabilities in [0, 1]. */
export interface RiskFigures {
  readonly highest: number;
  readonly lowest: number;
  readonly average: number;
  /** Share of records whose risk is strictly above the threshold. */
  readonly recordsAtRisk: number;
}

export interface ReidentificationRisk {
  readonly threshold: number;
  readonly prosecutor: RiskFigures;
  /** With a population table, the population model; without, equal to prosecutor. */
  readonly journalist: RiskFigures;
  readonly journalistModel: 'sample' | 'population';
  readonly marketer: number;
  /** Share of records in classes of size 1. */
  readonly sampleUniques: number;
}

export interface RiskOptions {
  /** Record risk threshold; a record is at risk when its risk is strictly above it. */
  readonly threshold: number;
  /**
   * Population count F of each sample class (see `countPopulationClassSizes`), length classCount.
   * Values below the sample count f are raised to f: the sample is part of its population.
   */
  readonly populationClassSizes?: Int32Array;
}

/**
 * Measures every risk figure from class sizes f (n = records in classes; suppressed records are
 * not released, so they carry no risk). With no classes every figure is 0.
 * Prosecutor: highest 1/min f, lowest 1/max f, average classes/n, records at risk: 1/f > threshold.
 * Journalist (population F): highest 1/min F, lowest 1/max F, at risk: 1/F > threshold,
 * average max(classes/ΣF, (1/n)Σ f/F). Marketer: (1/n)Σ f/F (= classes/n without a population).
 */
export function measureReidentificationRisk(
  classes: EquivalenceClasses,
  options: RiskOptions,
): ReidentificationRisk {
  return measureRiskOfClassSizes(classes.classSizes, options);
}

/**
 * The same figures from the class sizes alone (`classSizes` of EquivalenceClasses, in any order
 * when no population sizes are given; aligned with `populationClassSizes` when they are).
 */
export function measureRiskOfClassSizes(
  sizes: Int32Array,
  options: RiskOptions,
): ReidentificationRisk {
  const { threshold } = options;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new PrivacyError(
      'privacy_invalid_parameter',
      `risk threshold must be in [0, 1], got ${threshold}`,
      {
        details: { field: 'threshold', got: threshold },
      },
    );
  }
  const population = options.populationClassSizes;
  if (population !== undefined && population.length !== sizes.length) {
    throw new PrivacyError(
      'privacy_length_mismatch',
      `population sizes for ${population.length} classes, want ${sizes.length}`,
      {
        details: { got: population.length, want: sizes.length },
      },
    );
  }
  const prosecutor = figuresFor(sizes, sizes, threshold);
  let uniques = 0;
  let records = 0;
  for (let cls = 0; cls < sizes.length; cls++) {
    records += sizes[cls];
    if (sizes[cls] === 1) uniques++;
  }
  const sampleUniques = records === 0 ? 0 : uniques / records;
  if (population === undefined) {
    return {
      threshold,
      prosecutor,
      journalist: prosecutor,
      journalistModel: 'sample',
      marketer: prosecutor.average,
      sampleUniques,
    };
  }
  const raised = new Int32Array(sizes.length);
  for (let cls = 0; cls < sizes.length; cls++) raised[cls] = Math.max(population[cls], sizes[cls]);
  const journalistBase = figuresFor(raised, sizes, threshold);
  let populationTotal = 0;
  let marketerSum = 0;
  for (let cls = 0; cls < sizes.length; cls++) {
    populationTotal += raised[cls];
    marketerSum += sizes[cls] / raised[cls];
  }
  const marketer = records === 0 ? 0 : marketerSum / records;
  const journalistAverage = records === 0 ? 0 : Math.max(sizes.length / populationTotal, marketer);
  return {
    threshold,
    prosecutor,
    journalist: { ...journalistBase, average: journalistAverage },
    journalistModel: 'population',
    marketer,
    sampleUniques,
  };
}

/** Figures where each class's risk is 1/denominator and it weighs `weights[cls]` records. */
function figuresFor(denominators: Int32Array, weights: Int32Array, threshold: number): RiskFigures {
  if (denominators.length === 0) return { highest: 0, lowest: 0, average: 0, recordsAtRisk: 0 };
  let min = Infinity;
  let max = 0;
  let records = 0;
  let atRisk = 0;
  for (let cls = 0; cls < denominators.length; cls++) {
    const size = denominators[cls];
    if (size < min) min = size;
    if (size > max) max = size;
    records += weights[cls];
    if (1 / size > threshold) atRisk += weights[cls];
  }
  return {
    highest: 1 / min,
    lowest: 1 / max,
    average: denominators.length / records,
    recordsAtRisk: atRisk / records,
  };
}

/** One bar of the record-risk distribution: records whose risk lies in (from, to]. */
export interface RiskBin {
  readonly from: number;
  readonly to: number;
  readonly records: number;
  readonly share: number;
}

/** Upper edges of the risk distribution bins, as ARX draws them (percent-style steps up to 1). */
export const RISK_BIN_EDGES: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1];

/** Distribution of records over prosecutor risk 1/f, for the report's risk chart. */
export function riskDistribution(classes: EquivalenceClasses): RiskBin[] {
  const records = new Float64Array(RISK_BIN_EDGES.length);
  let total = 0;
  const sizes = classes.classSizes;
  for (let cls = 0; cls < sizes.length; cls++) {
    const risk = 1 / sizes[cls];
    let bin = 0;
    while (bin < RISK_BIN_EDGES.length - 1 && risk > RISK_BIN_EDGES[bin]) bin++;
    records[bin] += sizes[cls];
    total += sizes[cls];
  }
  return RISK_BIN_EDGES.map((to, bin) => ({
    from: bin === 0 ? 0 : RISK_BIN_EDGES[bin - 1],
    to,
    records: records[bin],
    share: total === 0 ? 0 : records[bin] / total,
  }));
}
