// t-closeness of one sensitive attribute: the Earth Mover's Distance between each class's
// distribution and the table's, with equal, ordered or hierarchical ground distance
// (Li, Li, Venkatasubramanian, "t-Closeness: Privacy Beyond k-Anonymity and l-Diversity", ICDE 2007, §4.2).
import type { ClassValueCounts } from './class-value-counts.js';

export type TDistance = 'equal' | 'ordered' | 'hierarchical';

/**
 * Equal distance: max over classes of ½ Σ_i |p_i − q_i| over every value i of the table
 * (absent values contribute p_i). 0 with no classes.
 */
export function measureTEqual(counts: ClassValueCounts): number {
  const total = counts.classifiedCount;
  const offsets = counts.classOffsets;
  let worst = 0;
  for (let cls = 0; cls + 1 < offsets.length; cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    const size = classSize(counts, start, end);
    // ½ (Σ_present |p − q| + Σ_absent p) = ½ (Σ_present |p − q| + 1 − Σ_present p)
    let present = 0;
    let presentP = 0;
    for (let i = start; i < end; i++) {
      const p = counts.tableCounts[counts.valueCodes[i]] / total;
      present += Math.abs(p - counts.valueCounts[i] / size);
      presentP += p;
    }
    const distance = 0.5 * (present + Math.max(0, 1 - presentP));
    if (distance > worst) worst = distance;
  }
  return worst;
}

/**
 * The rank of each dictionary value among the table's values (tableCounts > 0) in ascending
 * order: numbers numerically first, then other strings by code unit. -1 for absent values.
 */
export function rankValues(dictionary: readonly string[], tableCounts: Int32Array): Int32Array {
  const present: number[] = [];
  for (let code = 0; code < dictionary.length; code++)
    if (tableCounts[code] > 0) present.push(code);
  const numeric = present.map((code) => toNumber(dictionary[code]));
  const order = present.map((_, i) => i);
  order.sort((a, b) => {
    const x = numeric[a];
    const y = numeric[b];
    if (!Number.isNaN(x) && !Number.isNaN(y))
      return x - y || compareStrings(dictionary[present[a]], dictionary[present[b]]);
    if (!Number.isNaN(x)) return -1;
    if (!Number.isNaN(y)) return 1;
    return compareStrings(dictionary[present[a]], dictionary[present[b]]);
  });
  const ranks = new Int32Array(dictionary.length).fill(-1);
  order.forEach((index, rank) => (ranks[present[index]] = rank));
  return ranks;
}

/** Whether every value present in the table reads as a finite number (ordered distance applies). */
export function isNumericAttribute(
  dictionary: readonly string[],
  tableCounts: Int32Array,
): boolean {
  let any = false;
  for (let code = 0; code < dictionary.length; code++) {
    if (tableCounts[code] === 0) continue;
    if (Number.isNaN(toNumber(dictionary[code]))) return false;
    any = true;
  }
  return any;
}

/**
 * Ordered distance: max over classes of (1/(m−1)) Σ_i |Σ_{j≤i} (q_j − p_j)|, values in the order
 * of `rankValues`, m = distinct values in the table. 0 when m ≤ 1 or with no classes.
 *
 * Work is O(k log m) per class of k distinct values, not O(m): with cumulative shares
 * P_i (table) and Q_i (class), Q is constant between two present values while P only grows, so
 * Σ |Q − P_i| over such a run splits at the first P_i > Q (binary search) into two closed forms
 * over prefix sums of P. The dense loop it replaces, for reading:
 *   for (r = 0; r < m; r++) { cumulative += q[r] − p[r]; sum += |cumulative| }
 */
export function measureTOrdered(counts: ClassValueCounts, dictionary: readonly string[]): number {
  const ranks = rankValues(dictionary, counts.tableCounts);
  let m = 0;
  for (let code = 0; code < ranks.length; code++) if (ranks[code] >= 0) m++;
  if (m <= 1) return 0;
  const total = counts.classifiedCount;
  // cumulative[i] = table count of ranks ≤ i; prefix[i] = Σ_{j<i} cumulative[j]
  const cumulative = new Float64Array(m);
  for (let code = 0; code < ranks.length; code++)
    if (ranks[code] >= 0) cumulative[ranks[code]] = counts.tableCounts[code];
  for (let r = 1; r < m; r++) cumulative[r] += cumulative[r - 1];
  const prefix = new Float64Array(m + 1);
  for (let r = 0; r < m; r++) prefix[r + 1] = prefix[r] + cumulative[r];
  /** Σ_{i=a}^{b−1} |Q − P_i| with Q = classCumulative/size and P_i = cumulative[i]/total. */
  const run = (a: number, b: number, classCumulative: number, size: number): number => {
    if (a >= b) return 0;
    const q = classCumulative / size;
    const bound = classCumulative * total; // P_i > Q ⇔ cumulative[i]·size > classCumulative·total
    let low = a;
    let high = b;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid] * size > bound) high = mid;
      else low = mid + 1;
    }
    const split = low;
    const below = (split - a) * q - (prefix[split] - prefix[a]) / total;
    const above = (prefix[b] - prefix[split]) / total - (b - split) * q;
    return below + above;
  };
  const offsets = counts.classOffsets;
  let presentRanks = new Int32Array(16);
  let presentCounts = new Int32Array(16);
  let worst = 0;
  for (let cls = 0; cls + 1 < offsets.length; cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    const k = end - start;
    if (k > presentRanks.length) {
      presentRanks = new Int32Array(k * 2);
      presentCounts = new Int32Array(k * 2);
    }
    let size = 0;
    for (let i = 0; i < k; i++) {
      presentRanks[i] = ranks[counts.valueCodes[start + i]];
      presentCounts[i] = counts.valueCounts[start + i];
      size += presentCounts[i];
    }
    sortByRank(presentRanks, presentCounts, k);
    let sum = 0;
    let from = 0;
    let classCumulative = 0;
    for (let i = 0; i < k; i++) {
      sum += run(from, presentRanks[i], classCumulative, size);
      classCumulative += presentCounts[i];
      from = presentRanks[i];
    }
    sum += run(from, m, classCumulative, size);
    const distance = sum / (m - 1);
    if (distance > worst) worst = distance;
  }
  return worst;
}

/** Sorts the first k (rank, count) pairs by rank: insertion sort, classes hold few values. */
function sortByRank(ranks: Int32Array, counts: Int32Array, k: number): void {
  if (k > 64) {
    const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => ranks[x] - ranks[y]);
    const sortedRanks = order.map((i) => ranks[i]);
    const sortedCounts = order.map((i) => counts[i]);
    ranks.set(sortedRanks);
    counts.set(sortedCounts);
    return;
  }
  for (let i = 1; i < k; i++) {
    const rank = ranks[i];
    const count = counts[i];
    let j = i - 1;
    while (j >= 0 && ranks[j] > rank) {
      ranks[j + 1] = ranks[j];
      counts[j + 1] = counts[j];
      j--;
    }
    ranks[j + 1] = rank;
    counts[j + 1] = count;
  }
}

export function classSize(counts: ClassValueCounts, start: number, end: number): number {
  let size = 0;
  for (let i = start; i < end; i++) size += counts.valueCounts[i];
  return size;
}

function toNumber(value: string): number {
  const trimmed = value.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
