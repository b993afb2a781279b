// The naive reference for the search tests: every node of the lattice, row by row, with strings.
import type { GeneralizationHierarchy } from '../../../src/core/hierarchy/index.js';
import type { PrivacyCriteria, SearchMetric } from '../../../src/core/search/index.js';

export interface NaiveTable {
  readonly rows: readonly (readonly string[])[]; // QI values per row
  readonly sensitive?: readonly string[];
  readonly hierarchies: readonly GeneralizationHierarchy[];
}

export interface NaiveNode {
  readonly levels: number[];
  readonly passes: boolean;
  readonly value: number;
  readonly suppressed: number;
  readonly classes: number;
}

const TAU: Record<string, number> = {
  'public-release': 1 / 20,
  'data-use-agreement': 1 / 5,
  enclave: 1 / 3,
};

function label(h: GeneralizationHierarchy, value: string, level: number): string {
  return h.levels[level][h.toLevel[level][h.leafIndex.get(value) as number]];
}

function classPasses(
  size: number,
  values: string[],
  criteria: PrivacyCriteria,
  p: Map<string, number>,
  order: string[],
): boolean {
  if (criteria.k !== undefined && size < criteria.k) return false;
  if (
    criteria.prosecutorRiskThreshold !== undefined &&
    1 / size > criteria.prosecutorRiskThreshold + 1e-12
  )
    return false;
  if (criteria.gbt42460 !== undefined) {
    if (1 / size > TAU[criteria.gbt42460.context] + 1e-12) return false;
    if (
      criteria.gbt42460.context === 'public-release' &&
      1 / size > (criteria.gbt42460.riskThreshold ?? 0.05) + 1e-12
    )
      return false;
  }
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const l = criteria.l;
  if (l !== undefined) {
    if (counts.size < l.l) return false;
    if (l.model === 'entropy') {
      let h = 0;
      for (const c of counts.values()) h -= (c / size) * Math.log(c / size);
      if (h < Math.log(l.l) - 1e-12) return false;
    }
    if (l.model === 'recursive') {
      const r = [...counts.values()].sort((a, b) => b - a);
      const tail = r.slice(l.l - 1).reduce((a, b) => a + b, 0);
      if (!(r[0] < (l.c as number) * tail)) return false;
    }
  }
  const t = criteria.t;
  if (t !== undefined) {
    let distance = 0;
    if (t.distance === 'equal') {
      for (const v of order) distance += Math.abs((p.get(v) ?? 0) - (counts.get(v) ?? 0) / size);
      distance /= 2;
    } else if (order.length > 1) {
      let cumulative = 0;
      for (const v of order) {
        cumulative += (counts.get(v) ?? 0) / size - (p.get(v) ?? 0);
        distance += Math.abs(cumulative);
      }
      distance /= order.length - 1;
    }
    if (distance > t.t + 1e-12) return false;
  }
  return true;
}

/** Evaluates one node exactly as the issue defines it, with no shortcut. */
export function evaluateNaive(
  table: NaiveTable,
  levels: number[],
  criteria: PrivacyCriteria,
  suppressionLimit: number,
  metric: SearchMetric,
): NaiveNode {
  const n = table.rows.length;
  const groups = new Map<string, number[]>();
  table.rows.forEach((row, r) => {
    const key = JSON.stringify(row.map((v, j) => label(table.hierarchies[j], v, levels[j])));
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  });
  const p = new Map<string, number>();
  for (const v of table.sensitive ?? []) p.set(v, (p.get(v) ?? 0) + 1 / n);
  const order = [...p.keys()].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  const suppressedRows = new Set<number>();
  const released: number[][] = [];
  for (const rows of groups.values()) {
    const values = rows.map((r) => table.sensitive?.[r] ?? '');
    if (classPasses(rows.length, values, criteria, p, order)) released.push(rows);
    else rows.forEach((r) => suppressedRows.add(r));
  }
  let passes = suppressedRows.size <= Math.floor(suppressionLimit * n + 1e-9);
  const gbt = criteria.gbt42460;
  if (gbt !== undefined && gbt.context !== 'public-release' && released.length > 0) {
    const pr =
      gbt.probabilities === undefined
        ? 1
        : Math.max(
            gbt.probabilities.deliberateAttempt,
            gbt.probabilities.inadvertentAttempt,
            gbt.probabilities.breach,
          );
    const rc = released.reduce((sum, rows) => sum + 1 / rows.length, 0) / released.length;
    if (rc * pr > (gbt.riskThreshold ?? 0.05) + 1e-12) passes = false;
  }
  const s = suppressedRows.size;
  let value: number;
  const q = levels.length;
  if (metric === 'dm') value = released.reduce((sum, rows) => sum + rows.length ** 2, 0) + s * n;
  else if (metric === 'aecs') value = released.length === 0 ? n : n / released.length;
  else {
    let product = 1;
    let total = 0;
    for (let j = 0; j < q; j++) {
      const h = table.hierarchies[j];
      let sum = 0;
      table.rows.forEach((row, r) => {
        if (suppressedRows.has(r)) sum += 1;
        else if (metric === 'loss') {
          const leaves =
            h.leafCounts[levels[j]][h.toLevel[levels[j]][h.leafIndex.get(row[j]) as number]];
          sum += h.levels[0].length > 1 ? (leaves - 1) / (h.levels[0].length - 1) : 0;
        } else sum += h.height > 1 ? levels[j] / (h.height - 1) : 0;
      });
      product *= 1 + sum / n;
      total += sum / n;
    }
    value = metric === 'loss' ? product ** (1 / q) - 1 : total / q;
  }
  return { levels, passes, value, suppressed: s, classes: released.length };
}

/** Every node of the lattice, in lexicographic order of levels. */
export function allNodes(heights: readonly number[]): number[][] {
  let nodes: number[][] = [[]];
  for (const height of heights)
    nodes = nodes.flatMap((prefix) =>
      Array.from({ length: height }, (_, level) => [...prefix, level]),
    );
  return nodes;
}

/** The optimum by the documented rule: least value (1e-9 tolerance), then least level sum, then lexicographic. */
export function searchNaive(
  table: NaiveTable,
  criteria: PrivacyCriteria,
  suppressionLimit: number,
  metric: SearchMetric,
): NaiveNode | null {
  const evaluated = allNodes(table.hierarchies.map((h) => h.height)).map((levels) =>
    evaluateNaive(table, levels, criteria, suppressionLimit, metric),
  );
  const passing = evaluated.filter((node) => node.passes);
  if (passing.length === 0) return null;
  const least = Math.min(...passing.map((node) => node.value));
  const ties = passing.filter((node) => node.value <= least + 1e-9 * Math.max(1, Math.abs(least)));
  const sum = (levels: number[]) => levels.reduce((a, b) => a + b, 0);
  ties.sort((a, b) => sum(a.levels) - sum(b.levels) || compareLex(a.levels, b.levels));
  return ties[0];
}

function compareLex(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
