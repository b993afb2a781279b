// Strict multidimensional Mondrian (LeFevre, DeWitt, Ramakrishnan, ICDE 2006): recursive median
// cuts on numeric attributes and hierarchy-aware cuts on categorical ones, local recoding of
// every partition to a range or a hierarchy node; every partition meets k (and l, t).
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { isClassAcceptable } from './class-acceptance.js';
import type { PreparedSearch, SearchInput } from './prepare-search.js';
import { prepareSearch } from './prepare-search.js';
import type { PrivacyCriteria } from './privacy-criteria.js';
import { resolveCriteria } from './privacy-criteria.js';
import type { SearchMetric } from './search-metrics.js';
import { SearchError } from './search-error.js';

export interface MondrianOptions {
  readonly criteria: PrivacyCriteria;
  readonly metric?: SearchMetric;
  readonly signal?: AbortSignal;
}

export interface MondrianResult {
  readonly partitionCount: number;
  readonly minClassSize: number;
  /** Partition of each record, 0 … partitionCount − 1. */
  readonly partitionOfRecord: Int32Array;
  /** The recoded quasi-identifiers, in input order, rows aligned with the input. */
  readonly columns: readonly DictionaryColumn[];
  readonly metric: SearchMetric;
  /** The metric of the recoded table (loss counts hierarchy leaves covered by each range/node). */
  readonly value: number;
  /** Cuts attempted (allowed or not). */
  readonly splitsTried: number;
}

/** How one attribute is cut: by numeric rank of its leaves, or down its hierarchy. */
interface AttributePlan {
  readonly numeric: boolean;
  readonly hierarchy: GeneralizationHierarchy;
  /** Leaf code → rank in ascending numeric order (numeric attributes). */
  readonly rankOfLeaf: Int32Array;
  /** Rank → leaf numeric value. */
  readonly valueOfRank: Float64Array;
  /** Per record, its leaf code. */
  readonly leafOfRecord: Int32Array;
}

interface Partition {
  readonly records: Int32Array;
}

/**
 * Partitions the records so that every partition meets the class-level criteria (k, risk
 * threshold, GB/T τ, l, t). Numeric attributes (every leaf a number) are cut at the median;
 * categorical ones into the children of the hierarchy node covering the partition. A cut is
 * taken only when every part meets the criteria (strict partitioning); attributes are tried
 * widest normalized range first. Throws `search_unsatisfiable` when the whole table fails.
 */
export function partitionMondrian(input: SearchInput, options: MondrianOptions): MondrianResult {
  const prepared = prepareSearch(input);
  const criteria = resolveCriteria(options.criteria, prepared.sensitiveProfile !== null);
  if (criteria.meanRiskLimit !== Infinity)
    throw new SearchError(
      'search_invalid_criteria',
      'Mondrian enforces class-level criteria only; GB/T 42460 mean risk needs the lattice search',
      {
        issues: [
          {
            field: 'gbt42460.context',
            reason: 'use public-release with Mondrian, or method optimal',
          },
        ],
      },
    );
  const n = prepared.recordCount;
  const plans = prepared.hierarchies.map((hierarchy, j) => planAttribute(hierarchy, prepared, j));
  const sensitiveCodes = input.sensitive?.codes ?? null;
  const valueCounts = new Int32Array(Math.max(1, input.sensitive?.dictionary.length ?? 1));
  const acceptable = (records: Int32Array): boolean => {
    const present: number[] = [];
    if (sensitiveCodes !== null)
      for (let i = 0; i < records.length; i++) {
        const code = sensitiveCodes[records[i]];
        if (valueCounts[code]++ === 0) present.push(code);
      }
    const ok = isClassAcceptable(
      records.length,
      valueCounts,
      present,
      criteria,
      prepared.sensitiveProfile,
    );
    for (const code of present) valueCounts[code] = 0;
    return ok;
  };
  const all = new Int32Array(n);
  for (let row = 0; row < n; row++) all[row] = row;
  if (n > 0 && !acceptable(all))
    throw new SearchError(
      'search_unsatisfiable',
      'the whole table does not meet the criteria: no partitioning can',
      {
        details: { records: n },
      },
    );
  const finals: Partition[] = [];
  const stack: Partition[] = n === 0 ? [] : [{ records: all }];
  let splitsTried = 0;
  while (stack.length > 0) {
    if (options.signal?.aborted)
      throw new SearchError('search_cancelled', 'Mondrian was cancelled');
    const partition = stack.pop() as Partition;
    const order = plans
      .map((plan, j) => ({ j, width: normalizedWidth(plan, partition.records) }))
      .filter((entry) => entry.width > 0)
      .sort((a, b) => b.width - a.width || a.j - b.j);
    let cut: Int32Array[] | null = null;
    for (const { j } of order) {
      splitsTried++;
      const parts = splitPartition(plans[j], partition.records);
      if (parts !== null && parts.every(acceptable)) {
        cut = parts;
        break;
      }
    }
    if (cut === null) finals.push(partition);
    else for (const records of cut) stack.push({ records });
  }
  return recode(prepared, plans, finals, options.metric ?? 'loss', splitsTried);
}

function planAttribute(
  hierarchy: GeneralizationHierarchy,
  prepared: PreparedSearch,
  j: number,
): AttributePlan {
  const leaves = hierarchy.levels[0];
  const numbers = leaves.map((leaf) => (leaf.trim() === '' ? Number.NaN : Number(leaf)));
  const numeric = numbers.every((value) => Number.isFinite(value));
  const order = leaves.map((_, leaf) => leaf);
  if (numeric) order.sort((a, b) => numbers[a] - numbers[b] || a - b);
  const rankOfLeaf = new Int32Array(leaves.length);
  const valueOfRank = new Float64Array(leaves.length);
  order.forEach((leaf, rank) => {
    rankOfLeaf[leaf] = rank;
    valueOfRank[rank] = numbers[leaf];
  });
  const leafCodes = prepared.leafCodes[j];
  const rowCodes = prepared.rowCodes[j];
  const leafOfRecord = new Int32Array(rowCodes.length);
  for (let row = 0; row < rowCodes.length; row++) leafOfRecord[row] = leafCodes[rowCodes[row]];
  return { numeric, hierarchy, rankOfLeaf, valueOfRank, leafOfRecord };
}

/** The lowest level at which all the records share a label (height when they share none). */
function coveringLevel(plan: AttributePlan, records: Int32Array): number {
  const { hierarchy, leafOfRecord } = plan;
  for (let level = 0; level < hierarchy.height; level++) {
    const map = hierarchy.toLevel[level];
    const first = map[leafOfRecord[records[0]]];
    let shared = true;
    for (let i = 1; i < records.length && shared; i++)
      if (map[leafOfRecord[records[i]]] !== first) shared = false;
    if (shared) return level;
  }
  return hierarchy.height;
}

/** Lowest and highest value rank of a numeric attribute among the partition's records. */
function rankRange(plan: AttributePlan, records: Int32Array): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < records.length; i++) {
    const rank = plan.rankOfLeaf[plan.leafOfRecord[records[i]]];
    if (rank < low) low = rank;
    if (rank > high) high = rank;
  }
  return { low, high };
}

/** Share of the attribute's domain the partition spans: value range, or leaves under its node. */
function normalizedWidth(plan: AttributePlan, records: Int32Array): number {
  if (plan.numeric) {
    const { low, high } = rankRange(plan, records);
    const span = plan.valueOfRank[plan.valueOfRank.length - 1] - plan.valueOfRank[0];
    return span > 0 ? (plan.valueOfRank[high] - plan.valueOfRank[low]) / span : 0;
  }
  const level = coveringLevel(plan, records);
  if (level === 0) return 0;
  const total = plan.hierarchy.levels[0].length;
  if (level >= plan.hierarchy.height) return 1;
  return (
    plan.hierarchy.leafCounts[level][plan.hierarchy.toLevel[level][plan.leafOfRecord[records[0]]]] /
    total
  );
}

/** Median cut (numeric) or cut into the children of the covering node (categorical); null if none. */
function splitPartition(plan: AttributePlan, records: Int32Array): Int32Array[] | null {
  if (plan.numeric) {
    const ranks = Array.from(records, (row) => plan.rankOfLeaf[plan.leafOfRecord[row]]).sort(
      (a, b) => a - b,
    );
    const median = ranks[(ranks.length - 1) >> 1];
    // Left takes ranks <= median; if that is everything, cut below the median instead.
    let pivot = median;
    if (ranks[ranks.length - 1] === median) pivot = median - 1;
    if (pivot < ranks[0]) return null;
    const left: number[] = [];
    const right: number[] = [];
    for (let i = 0; i < records.length; i++) {
      const row = records[i];
      (plan.rankOfLeaf[plan.leafOfRecord[row]] <= pivot ? left : right).push(row);
    }
    return left.length === 0 || right.length === 0
      ? null
      : [Int32Array.from(left), Int32Array.from(right)];
  }
  const level = coveringLevel(plan, records);
  if (level === 0) return null;
  const childMap = plan.hierarchy.toLevel[level - 1];
  const groups = new Map<number, number[]>();
  for (let i = 0; i < records.length; i++) {
    const row = records[i];
    const child = childMap[plan.leafOfRecord[row]];
    let group = groups.get(child);
    if (group === undefined) {
      group = [];
      groups.set(child, group);
    }
    group.push(row);
  }
  return groups.size < 2 ? null : [...groups.values()].map((group) => Int32Array.from(group));
}

function recode(
  prepared: PreparedSearch,
  plans: AttributePlan[],
  finals: Partition[],
  metric: SearchMetric,
  splitsTried: number,
): MondrianResult {
  const n = prepared.recordCount;
  const partitionOfRecord = new Int32Array(n);
  const lossSums = new Float64Array(plans.length);
  const precisionSums = new Float64Array(plans.length);
  let squares = 0;
  let minClassSize = 0;
  const labelCodes = plans.map(() => new Map<string, number>());
  const dictionaries: string[][] = plans.map(() => []);
  const codes = plans.map(() => new Int32Array(n));
  finals.forEach((partition, index) => {
    const { records } = partition;
    squares += records.length * records.length;
    if (minClassSize === 0 || records.length < minClassSize) minClassSize = records.length;
    for (let i = 0; i < records.length; i++) partitionOfRecord[records[i]] = index;
    plans.forEach((plan, j) => {
      const { label, leaves, level } = describeRegion(plan, records);
      const total = plan.hierarchy.levels[0].length;
      lossSums[j] += records.length * (total > 1 ? (leaves - 1) / (total - 1) : 0);
      precisionSums[j] +=
        records.length *
        (plan.hierarchy.height > 1
          ? Math.min(level, plan.hierarchy.height - 1) / (plan.hierarchy.height - 1)
          : 0);
      let code = labelCodes[j].get(label);
      if (code === undefined) {
        code = dictionaries[j].length;
        dictionaries[j].push(label);
        labelCodes[j].set(label, code);
      }
      const out = codes[j];
      for (let i = 0; i < records.length; i++) out[records[i]] = code;
    });
  });
  let value: number;
  if (n === 0) value = 0;
  else if (metric === 'dm') value = squares;
  else if (metric === 'aecs') value = n / finals.length;
  else if (metric === 'precision')
    value = precisionSums.reduce((sum, s) => sum + s / n, 0) / Math.max(1, plans.length);
  else {
    let logSum = 0;
    for (const sum of lossSums) logSum += Math.log1p(sum / n);
    value = plans.length === 0 ? 0 : Math.expm1(logSum / plans.length);
  }
  return {
    partitionCount: finals.length,
    minClassSize,
    partitionOfRecord,
    columns: plans.map((_, j) => ({
      name: prepared.names[j],
      dictionary: dictionaries[j],
      codes: codes[j],
    })),
    metric,
    value,
    splitsTried,
  };
}

/** The recoded label of an attribute over a partition, the hierarchy leaves it covers, its level. */
function describeRegion(
  plan: AttributePlan,
  records: Int32Array,
): { label: string; leaves: number; level: number } {
  const { hierarchy } = plan;
  const level = coveringLevel(plan, records);
  if (plan.numeric) {
    const { low, high } = rankRange(plan, records);
    const label =
      low === high
        ? hierarchy.levels[0][leafOfRank(plan, low)]
        : `${plan.valueOfRank[low]}-${plan.valueOfRank[high]}`;
    // Hierarchy leaves whose value lies in the range: every rank from low to high.
    return { label, leaves: high - low + 1, level };
  }
  if (level >= hierarchy.height) return { label: '*', leaves: hierarchy.levels[0].length, level };
  const code = hierarchy.toLevel[level][plan.leafOfRecord[records[0]]];
  return { label: hierarchy.levels[level][code], leaves: hierarchy.leafCounts[level][code], level };
}

function leafOfRank(plan: AttributePlan, rank: number): number {
  for (let leaf = 0; leaf < plan.rankOfLeaf.length; leaf++)
    if (plan.rankOfLeaf[leaf] === rank) return leaf;
  return 0;
}
