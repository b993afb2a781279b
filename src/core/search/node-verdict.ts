// Applies the criteria to a node's classes: which classes are suppressed, and whether the node passes.
import type { NodeClasses } from './node-classes.js';
import type { ResolvedCriteria } from './privacy-criteria.js';

/** What the l / t checks need about the sensitive attribute over the whole input table. */
export interface SensitiveProfile {
  /** p_i = share of sensitive value i among all records (ARX compares classes to the input). */
  readonly shares: Float64Array;
  /** Rank of each value in ascending order (numbers numerically), for the ordered distance. */
  readonly ranks: Int32Array;
  /** p by rank (rank = index in ascending order of the values present). */
  readonly sharesByRank: Float64Array;
  /** Distinct values present in the table. */
  readonly distinctCount: number;
}

export interface NodeVerdict {
  /** `failing[c] === 1` when class c violates a class-level criterion and is suppressed. */
  readonly failing: Uint8Array;
  readonly suppressedCount: number;
  readonly releasedClassCount: number;
  /** Smallest released class (0 when every record is suppressed). */
  readonly minReleasedClassSize: number;
  /** Σ f² over released classes. */
  readonly releasedSquares: number;
  /** Σ f² over all classes, the discernibility the node would have without suppression. */
  readonly allSquares: number;
  /** Table-level conditions hold on the released classes (GB/T 42460 R_c). */
  readonly tableConditionsHold: boolean;
}

const EPSILON = 1e-12;

/**
 * Marks the classes that violate `criteria`; the node passes when the marked records number at
 * most the allowed suppression and the table-level conditions hold (checked by the caller with
 * `suppressedCount`). Requires `profile` when the criteria need the sensitive attribute.
 */
export function judgeClasses(
  classes: NodeClasses,
  criteria: ResolvedCriteria,
  profile: SensitiveProfile | null,
): NodeVerdict {
  const { classCount, classSizes } = classes;
  const failing = new Uint8Array(classCount);
  const minSize = criteria.minClassSize;
  for (let c = 0; c < classCount; c++) if (classSizes[c] < minSize) failing[c] = 1;
  if (criteria.needsSensitive && profile !== null && classes.sensitive !== null)
    judgeSensitive(classes, criteria, profile, failing);
  let suppressedCount = 0;
  let releasedClassCount = 0;
  let minReleasedClassSize = 0;
  let releasedSquares = 0;
  let allSquares = 0;
  let meanRisk = 0;
  for (let c = 0; c < classCount; c++) {
    const size = classSizes[c];
    allSquares += size * size;
    if (failing[c] === 1) {
      suppressedCount += size;
      continue;
    }
    releasedClassCount++;
    releasedSquares += size * size;
    meanRisk += 1 / size;
    if (minReleasedClassSize === 0 || size < minReleasedClassSize) minReleasedClassSize = size;
  }
  const tableConditionsHold =
    criteria.meanRiskLimit === Infinity ||
    releasedClassCount === 0 ||
    meanRisk / releasedClassCount <= criteria.meanRiskLimit + EPSILON;
  return {
    failing,
    suppressedCount,
    releasedClassCount,
    minReleasedClassSize,
    releasedSquares,
    allSquares,
    tableConditionsHold,
  };
}

/** l-diversity and t-closeness per class, over the entries grouped by class (counting sort). */
function judgeSensitive(
  classes: NodeClasses,
  criteria: ResolvedCriteria,
  profile: SensitiveProfile,
  failing: Uint8Array,
): void {
  const { classCount, entryCount, classOfEntry, counts, classSizes } = classes;
  const sensitive = classes.sensitive as Int32Array;
  if (criteria.t === undefined && criteria.l?.model === 'distinct') {
    // Entries are distinct (class, value) pairs: a class's distinct values are its entries.
    const distinct = new Int32Array(classCount);
    for (let e = 0; e < entryCount; e++) distinct[classOfEntry[e]]++;
    const l = criteria.l.l;
    for (let c = 0; c < classCount; c++) if (distinct[c] < l) failing[c] = 1;
    return;
  }
  const offsets = new Int32Array(classCount + 1);
  for (let e = 0; e < entryCount; e++) offsets[classOfEntry[e] + 1]++;
  for (let c = 0; c < classCount; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, classCount);
  const order = new Int32Array(entryCount);
  for (let e = 0; e < entryCount; e++) order[cursor[classOfEntry[e]]++] = e;
  const l = criteria.l;
  const t = criteria.t;
  const logL = l === undefined ? 0 : Math.log(l.l);
  const scratch = new Float64Array(Math.max(1, profile.distinctCount, maxEntriesPerClass(offsets)));
  const { shares, ranks } = profile;
  const m = profile.distinctCount;
  for (let c = 0; c < classCount; c++) {
    if (failing[c] === 1) continue;
    const start = offsets[c];
    const end = offsets[c + 1];
    const distinct = end - start;
    const size = classSizes[c];
    if (l !== undefined) {
      if (distinct < l.l) {
        failing[c] = 1;
        continue;
      }
      if (l.model === 'entropy') {
        // H = −Σ q ln q = ln f − (1/f) Σ n_i ln n_i
        let sum = 0;
        for (let i = start; i < end; i++) {
          const count = counts[order[i]];
          sum += count * Math.log(count);
        }
        if (Math.log(size) - sum / size < logL - EPSILON) {
          failing[c] = 1;
          continue;
        }
      } else if (l.model === 'recursive') {
        // r1 < c · (r_l + … + r_m), counts sorted descending (strict, Machanavajjhala et al. §4.2).
        for (let i = start; i < end; i++) scratch[i - start] = counts[order[i]];
        const sorted = scratch.subarray(0, distinct).sort().reverse();
        let tail = 0;
        for (let i = l.l - 1; i < distinct; i++) tail += sorted[i];
        if (!(sorted[0] < (l.c as number) * tail)) {
          failing[c] = 1;
          continue;
        }
      }
    }
    if (t !== undefined) {
      let distance: number;
      if (t.distance === 'equal') {
        let present = 0;
        let presentShare = 0;
        for (let i = start; i < end; i++) {
          const e = order[i];
          const p = shares[sensitive[e]];
          present += Math.abs(p - counts[e] / size);
          presentShare += p;
        }
        distance = 0.5 * (present + Math.max(0, 1 - presentShare));
      } else if (m <= 1) {
        distance = 0;
      } else {
        for (let r = 0; r < m; r++) scratch[r] = 0;
        for (let i = start; i < end; i++) {
          const e = order[i];
          scratch[ranks[sensitive[e]]] += counts[e] / size;
        }
        let cumulative = 0;
        let sum = 0;
        for (let r = 0; r < m; r++) {
          cumulative += scratch[r] - profile.sharesByRank[r];
          sum += Math.abs(cumulative);
        }
        distance = sum / (m - 1);
      }
      if (distance > t.t + EPSILON) failing[c] = 1;
    }
  }
}

function maxEntriesPerClass(offsets: Int32Array): number {
  let max = 0;
  for (let c = 0; c + 1 < offsets.length; c++) max = Math.max(max, offsets[c + 1] - offsets[c]);
  return max;
}
