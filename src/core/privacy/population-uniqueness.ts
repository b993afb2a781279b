// Population uniqueness estimated from a sample and its sampling fraction with Zayatz's model
// (Zayatz 1991, "Estimation of the number of unique population elements using a sample"),
// computed as ARX's ModelZayatz does so the figures agree.
import type { EquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

export interface PopulationUniqueness {
  readonly model: 'zayatz';
  readonly samplingFraction: number;
  /** N = round(n / samplingFraction). */
  readonly populationSize: number;
  /** Estimated number of population uniques. */
  readonly populationUniques: number;
  /** populationUniques / N. */
  readonly populationUniqueness: number;
  /** Estimated probability that a sample unique is unique in the population. */
  readonly conditionalUniqueness: number;
}

/**
 * With ν_i classes of size i among u sample classes, P_i = hypergeometric P(X = 1) for a class
 * of i in a population of N drawn n times: P(unique in population | unique in sample) =
 * (ν_1/u · P_1) / Σ_i (ν_i/u · P_i); population uniques = ν_1 · that / π.
 * Requires 0 < samplingFraction ≤ 1.
 */
export function estimatePopulationUniqueness(
  classes: EquivalenceClasses,
  samplingFraction: number,
): PopulationUniqueness {
  if (!(samplingFraction > 0 && samplingFraction <= 1)) {
    throw new PrivacyError(
      'privacy_invalid_parameter',
      `sampling fraction must be in (0, 1], got ${samplingFraction}`,
      {
        details: { field: 'samplingFraction', got: samplingFraction },
      },
    );
  }
  const sizes = classes.classSizes;
  let sampleSize = 0;
  const classesOfSize = new Map<number, number>();
  for (let cls = 0; cls < sizes.length; cls++) {
    sampleSize += sizes[cls];
    classesOfSize.set(sizes[cls], (classesOfSize.get(sizes[cls]) ?? 0) + 1);
  }
  const populationSize = Math.round(sampleSize / samplingFraction);
  const uniques = classesOfSize.get(1) ?? 0;
  if (uniques === 0 || sizes.length === 0) {
    return {
      model: 'zayatz',
      samplingFraction,
      populationSize,
      populationUniques: 0,
      populationUniqueness: 0,
      conditionalUniqueness: 0,
    };
  }
  const u = sizes.length;
  let denominator = 0;
  for (const [size, count] of classesOfSize) {
    denominator += (count / u) * hypergeometricOne(populationSize, size, sampleSize);
  }
  const conditional =
    denominator === 0
      ? 0
      : ((uniques / u) * hypergeometricOne(populationSize, 1, sampleSize)) / denominator;
  const populationUniques = (uniques * conditional) / samplingFraction;
  return {
    model: 'zayatz',
    samplingFraction,
    populationSize,
    populationUniques,
    populationUniqueness: populationSize === 0 ? 0 : populationUniques / populationSize,
    conditionalUniqueness: conditional,
  };
}

/**
 * P(X = 1) for X ~ Hypergeometric(population N, successes K, draws n):
 * K · C(N−K, n−1) / C(N, n) = K · (n/N) · Π_{j=0}^{K−2} (N−n−j)/(N−1−j), exact in floating point
 * without factorials.
 */
export function hypergeometricOne(population: number, successes: number, draws: number): number {
  if (successes < 1 || draws < 1 || successes > population || draws > population) return 0;
  let probability = (successes * draws) / population;
  for (let j = 0; j <= successes - 2; j++) {
    const numerator = population - draws - j;
    if (numerator <= 0) return 0;
    probability *= numerator / (population - 1 - j);
  }
  return probability;
}
