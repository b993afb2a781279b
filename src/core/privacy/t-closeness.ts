// t-closeness of one sensitive attribute: the Earth Mover's Distance between each class's
// distribution and the table's, with equal, ordered or hierarchical ground distance
// (Li, Li, Venkatasubramanian, "t-Closeness: Privacy Beyond k-Anonymity and l-Diversity", ICDE 2007, §4.2).
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import { toLeafCodes } from '../hierarchy/index.js';
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

/**
 * Hierarchical distance (Li et al. 2007, §4.2 "EMD for categorical attributes"): with
 * extra(leaf) = p_i − q_i and extra(N) = Σ_children extra, cost(N) = height(N)/H ·
 * min(pos_extra(N), neg_extra(N)), distance = Σ_inner nodes cost. Leaves are level 0 of the
 * hierarchy; a top level with several labels gets an implicit root. Every value of the
 * attribute must be a leaf of the hierarchy (else HierarchyError `hierarchy_value_missing`).
 *
 * Work is O(k·H) per class of k distinct values, not O(size of the hierarchy): a node no present
 * value reaches has extra = its table mass ≥ 0 and costs nothing, so only the paths from present
 * leaves are walked; the untouched children of a walked node add their mass to its pos_extra.
 */
export function measureTHierarchical(
  counts: ClassValueCounts,
  dictionary: readonly string[],
  hierarchy: GeneralizationHierarchy,
  attribute: string,
): number {
  const leafOf = toLeafCodes(hierarchy, dictionary, attribute);
  const parents = parentMaps(hierarchy);
  const height = parents.length; // edges from a leaf to the root
  if (height === 0) return 0;
  const total = counts.classifiedCount;
  // mass[L][node]: table share under each node; the root level (height) has one node.
  const mass: Float64Array[] = [new Float64Array(hierarchy.levels[0].length)];
  for (let code = 0; code < dictionary.length; code++)
    mass[0][leafOf[code]] += counts.tableCounts[code] / total;
  for (let level = 0; level < height; level++) {
    const above = new Float64Array(level + 1 < height ? parents[level + 1].length : 1);
    const parent = parents[level];
    for (let node = 0; node < parent.length; node++) above[parent[node]] += mass[level][node];
    mass.push(above);
  }
  const extra = mass.map((m) => new Float64Array(m.length));
  const positive = mass.map((m) => new Float64Array(m.length));
  const negative = mass.map((m) => new Float64Array(m.length));
  const childMass = mass.map((m) => new Float64Array(m.length));
  const stamp = mass.map((m) => new Int32Array(m.length).fill(-1));
  const touched = mass.map((m) => new Int32Array(m.length));
  const touchedCount = new Int32Array(height + 1);
  const offsets = counts.classOffsets;
  let worst = 0;
  for (let cls = 0; cls + 1 < offsets.length; cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    const size = classSize(counts, start, end);
    touchedCount[0] = end - start;
    for (let i = start; i < end; i++) {
      const leaf = leafOf[counts.valueCodes[i]];
      touched[0][i - start] = leaf;
      extra[0][leaf] = mass[0][leaf] - counts.valueCounts[i] / size;
    }
    let distance = 0;
    for (let level = 0; level < height; level++) {
      const parent = parents[level];
      const up = level + 1;
      touchedCount[up] = 0;
      for (let t = 0; t < touchedCount[level]; t++) {
        const node = touched[level][t];
        const above = parent[node];
        if (stamp[up][above] !== cls) {
          stamp[up][above] = cls;
          positive[up][above] = 0;
          negative[up][above] = 0;
          childMass[up][above] = 0;
          touched[up][touchedCount[up]++] = above;
        }
        childMass[up][above] += mass[level][node];
        const e = extra[level][node];
        if (e > 0) positive[up][above] += e;
        else negative[up][above] -= e;
      }
      for (let t = 0; t < touchedCount[up]; t++) {
        const node = touched[up][t];
        const pos = positive[up][node] + Math.max(0, mass[up][node] - childMass[up][node]);
        distance += (up / height) * Math.min(pos, negative[up][node]);
        extra[up][node] = pos - negative[up][node];
      }
    }
    if (distance > worst) worst = distance;
  }
  return worst;
}

/** parents[L][code at level L] = code at level L+1, with an implicit root above a multi-label top. */
function parentMaps(hierarchy: GeneralizationHierarchy): Int32Array[] {
  const maps: Int32Array[] = [];
  for (let level = 0; level + 1 < hierarchy.height; level++) {
    const map = new Int32Array(hierarchy.levels[level].length);
    const below = hierarchy.toLevel[level];
    const above = hierarchy.toLevel[level + 1];
    for (let leaf = 0; leaf < below.length; leaf++) map[below[leaf]] = above[leaf];
    maps.push(map);
  }
  const top = hierarchy.levels[hierarchy.height - 1].length;
  if (top > 1) maps.push(new Int32Array(top));
  return maps;
}

function classSize(counts: ClassValueCounts, start: number, end: number): number {
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
