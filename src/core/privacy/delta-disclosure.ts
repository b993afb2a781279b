// δ-disclosure privacy (Brickell & Shmatikov, KDD 2008): how far any class's share of a sensitive
// value strays from its share in the whole table, on a log scale.
import type { ClassValueCounts } from './class-value-counts.js';

/**
 * max over classes and values present in the class of |ln(q_i / p_i)|; 0 with no classes.
 * A table is δ-disclosure-private for every δ above the result.
 */
export function measureDeltaDisclosure(counts: ClassValueCounts): number {
  const offsets = counts.classOffsets;
  const total = counts.classifiedCount;
  let worst = 0;
  for (let cls = 0; cls + 1 < offsets.length; cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    let size = 0;
    for (let i = start; i < end; i++) size += counts.valueCounts[i];
    for (let i = start; i < end; i++) {
      const q = counts.valueCounts[i] / size;
      const p = counts.tableCounts[counts.valueCodes[i]] / total;
      const delta = Math.abs(Math.log(q / p));
      if (delta > worst) worst = delta;
    }
  }
  return worst;
}
