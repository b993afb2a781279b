// l-diversity of one sensitive attribute over equivalence classes: distinct, entropy and recursive (c,l).
// Machanavajjhala et al., "l-Diversity: Privacy Beyond k-Anonymity", ICDE 2006, definitions 3.1–4.2.
import type { ClassValueCounts } from './class-value-counts.js';
import { PrivacyError } from './privacy-error.js';

/** Number of classes in `counts`. */
function classCountOf(counts: ClassValueCounts): number {
  return counts.classOffsets.length - 1;
}

/** Distinct l: the smallest number of distinct sensitive values in a class (0 with no classes). */
export function measureDistinctL(counts: ClassValueCounts): number {
  const offsets = counts.classOffsets;
  const classCount = classCountOf(counts);
  if (classCount === 0) return 0;
  let min = Infinity;
  for (let cls = 0; cls < classCount; cls++) {
    const distinct = offsets[cls + 1] - offsets[cls];
    if (distinct < min) min = distinct;
  }
  return min;
}

/**
 * Entropy l: exp(min over classes of H), H = −Σ q_i ln q_i. The real value, not floored
 * (a table is entropy-l-diverse for every l ≤ the result). 0 with no classes.
 */
export function measureEntropyL(counts: ClassValueCounts): number {
  const classCount = classCountOf(counts);
  if (classCount === 0) return 0;
  let minEntropy = Infinity;
  for (let cls = 0; cls < classCount; cls++) {
    const entropy = classEntropy(counts, cls);
    if (entropy < minEntropy) minEntropy = entropy;
  }
  return Math.exp(minEntropy);
}

/** H of one class in nats. */
export function classEntropy(counts: ClassValueCounts, cls: number): number {
  const start = counts.classOffsets[cls];
  const end = counts.classOffsets[cls + 1];
  let size = 0;
  for (let i = start; i < end; i++) size += counts.valueCounts[i];
  let entropy = 0;
  for (let i = start; i < end; i++) {
    const q = counts.valueCounts[i] / size;
    entropy -= q * Math.log(q);
  }
  return entropy;
}

/**
 * Recursive (c,l) threshold for a given l: max over classes of r1 / (r_l + … + r_m), where
 * r1 ≥ r2 ≥ … ≥ rm are a class's sensitive-value counts. `Infinity` when some class has fewer
 * than l distinct values (no c satisfies it); 0 with no classes. The table satisfies (c,l)
 * iff c > threshold (strict, definition 4.1). Requires l to be an integer ≥ 1.
 */
export function measureRecursiveCThreshold(counts: ClassValueCounts, l: number): number {
  checkL(l);
  const offsets = counts.classOffsets;
  const values = counts.valueCounts;
  let threshold = 0;
  for (let cls = 0; cls < classCountOf(counts); cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    if (end - start < l) return Infinity;
    let tail = 0;
    for (let i = start + l - 1; i < end; i++) tail += values[i];
    const ratio = values[start] / tail;
    if (ratio > threshold) threshold = ratio;
  }
  return threshold;
}

/** Whether every class satisfies recursive (c,l): m ≥ l and r1 < c·(r_l + … + r_m), strictly. */
export function isRecursiveCLDiverse(counts: ClassValueCounts, c: number, l: number): boolean {
  checkL(l);
  const offsets = counts.classOffsets;
  const values = counts.valueCounts;
  for (let cls = 0; cls < classCountOf(counts); cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    if (end - start < l) return false;
    let tail = 0;
    for (let i = start + l - 1; i < end; i++) tail += values[i];
    if (!(values[start] < c * tail)) return false;
  }
  return true;
}

function checkL(l: number): void {
  if (!Number.isInteger(l) || l < 1) {
    throw new PrivacyError(
      'privacy_invalid_parameter',
      `recursive l must be an integer ≥ 1, got ${l}`,
      {
        details: { field: 'l', got: l },
      },
    );
  }
}
