// t-closeness with the hierarchical ground distance (Li, Li, Venkatasubramanian, ICDE 2007, §4.2):
// the Earth Mover's Distance over a generalization hierarchy of the sensitive attribute.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import { toLeafCodes } from '../hierarchy/index.js';
import type { ClassValueCounts } from './class-value-counts.js';
import { classSize } from './t-closeness.js';

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
