// k-anonymity (Sweeney 2002): the smallest equivalence class, and the histogram of class sizes.
import type { EquivalenceClasses } from './equivalence-classes.js';

/** One bar of the class-size histogram: `classes` classes hold exactly `size` records each. */
export interface ClassSizeBin {
  readonly size: number;
  readonly classes: number;
  readonly records: number;
}

/** k = the smallest class size; 0 when there are no classes (every record suppressed, or none). */
export function measureK(classes: EquivalenceClasses): number {
  const sizes = classes.classSizes;
  if (sizes.length === 0) return 0;
  let min = sizes[0];
  for (let cls = 1; cls < sizes.length; cls++) if (sizes[cls] < min) min = sizes[cls];
  return min;
}

/** The largest class size; 0 with no classes. */
export function measureLargestClass(classes: EquivalenceClasses): number {
  const sizes = classes.classSizes;
  let max = 0;
  for (let cls = 0; cls < sizes.length; cls++) if (sizes[cls] > max) max = sizes[cls];
  return max;
}

/** Whether every class holds at least k records. */
export function isKAnonymous(classes: EquivalenceClasses, k: number): boolean {
  return measureK(classes) >= k || classes.classCount === 0;
}

/** Class sizes with how many classes (and records) have each size, ascending by size. */
export function classSizeHistogram(classes: EquivalenceClasses): ClassSizeBin[] {
  const countBySize = new Map<number, number>();
  const sizes = classes.classSizes;
  for (let cls = 0; cls < sizes.length; cls++)
    countBySize.set(sizes[cls], (countBySize.get(sizes[cls]) ?? 0) + 1);
  return [...countBySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([size, count]) => ({ size, classes: count, records: size * count }));
}

/** Number of records whose class is smaller than k: what suppression to k would remove. */
export function countRecordsBelowK(classes: EquivalenceClasses, k: number): number {
  const sizes = classes.classSizes;
  let records = 0;
  for (let cls = 0; cls < sizes.length; cls++) if (sizes[cls] < k) records += sizes[cls];
  return records;
}
