// Benchmark of the optimal generalization search on Adult (ARX's data and hierarchies) and on the
// 1M-row synthetic table: prints search time (process start, reading and encoding excluded).
// Usage: node --import tsx scripts/bench/search.ts [--adult ../shared/data/adult] [--synthetic <dir>]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { toLeafCodes, toLevelCodes } from '../../src/core/hierarchy/index.js';
import { computeEquivalenceClasses } from '../../src/core/privacy/index.js';
import type { PrivacyCriteria, SearchMetric, SearchInput } from '../../src/core/search/index.js';
import { prepareSearch, searchLatticeSync } from '../../src/core/search/index.js';
// The loader the Adult tests use: `--verify` recomputes the optima they pin, from the same input.
import {
  ADULT_DIRECTORY,
  ADULT_QUASI_IDENTIFIERS,
  loadAdultSearchInput,
  loadSearchInput,
} from '../../test/helpers/adult.js';

interface Scenario {
  readonly name: string;
  readonly criteria: PrivacyCriteria;
  readonly suppression: number;
  readonly sensitive?: string;
  readonly metric?: SearchMetric;
}

function timeScenario(input: SearchInput, scenario: Scenario, repeats: number): void {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let line = '';
  for (let i = 0; i < repeats; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const prepared = prepareSearch(input);
    const outcome = searchLatticeSync(prepared, {
      criteria: scenario.criteria,
      suppressionLimit: scenario.suppression,
      metric: scenario.metric ?? 'loss',
    });
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    line = `levels=[${outcome.levels?.join(',')}] ${outcome.metric}=${outcome.value?.toFixed(6)} suppressed=${outcome.suppressedCount} classes=${outcome.classCount} checked=${outcome.checked}/${outcome.latticeSize}`;
  }
  const median = (values: number[]) =>
    [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  console.log(
    `${scenario.name.padEnd(36)} wall first ${times[0].toFixed(0).padStart(5)} ms, median ${median(times).toFixed(1).padStart(7)} ms | cpu median ${median(cpuTimes).toFixed(1).padStart(7)} ms | ${line}`,
  );
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string | undefined): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const adultDir = option('--adult', ADULT_DIRECTORY) as string;
const repeats = Number(option('--repeats', '7'));
const adultQis = ADULT_QUASI_IDENTIFIERS;

const adult = loadAdultSearchInput(adultQis, undefined, adultDir);
const adultL = loadAdultSearchInput(
  adultQis.filter((name) => name !== 'occupation'),
  'occupation',
  adultDir,
);
if (args.includes('--verify')) {
  verifyAdultExhaustively(adult);
  process.exit(0);
}
console.log(
  `Adult: ${adult.quasiIdentifiers[0].column.codes.length} rows, ${adultQis.length} QIs; node ${process.version}; ${cpus().length} CPUs; load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
);
console.log('times: preparation (grouping the rows once) + search; reading and encoding excluded');
for (const k of [2, 5, 10, 20])
  timeScenario(adult, { name: `k=${k}, 0% suppression`, criteria: { k }, suppression: 0 }, repeats);
timeScenario(
  adult,
  { name: 'k=5, 5% suppression', criteria: { k: 5 }, suppression: 0.05 },
  repeats,
);
for (const suppression of [0, 0.05])
  timeScenario(
    adultL,
    {
      name: `k=5 + distinct l=3 occupation, ${suppression * 100}%`,
      criteria: { k: 5, l: { model: 'distinct', l: 3 } },
      suppression,
    },
    repeats,
  );
for (const metric of ['dm', 'aecs', 'precision'] as const)
  timeScenario(
    adult,
    { name: `k=5, 5% suppression, ${metric}`, criteria: { k: 5 }, suppression: 0.05, metric },
    3,
  );

const syntheticDir = option('--synthetic', undefined);
if (syntheticDir !== undefined) {
  const names = JSON.parse(readFileSync(join(syntheticDir, 'qis.json'), 'utf8')) as string[];
  const started = performance.now();
  const synthetic = loadSearchInput(
    join(syntheticDir, 'synthetic.csv'),
    (name) => join(syntheticDir, `hierarchy_${name}.csv`),
    names,
  );
  console.log(
    `Synthetic: ${synthetic.quasiIdentifiers[0].column.codes.length} rows, ${names.length} QIs (read+encode ${(performance.now() - started).toFixed(0)} ms)`,
  );
  timeScenario(synthetic, { name: 'k=5, 0% suppression', criteria: { k: 5 }, suppression: 0 }, 3);
}

/**
 * `--verify`: checks the Adult optima above against an exhaustive pass over every node, each
 * grouped from the rows by the privacy module's counting primitive (no roll-up, no bound, no
 * pruning), for k = 2, 5, 10, 20 without suppression and k = 5 with 5 %.
 */
function verifyAdultExhaustively(input: SearchInput): void {
  const n = input.quasiIdentifiers[0].column.codes.length;
  const hierarchies = input.quasiIdentifiers.map((qi) => qi.hierarchy);
  const leafCodes = input.quasiIdentifiers.map((qi) =>
    toLeafCodes(qi.hierarchy, qi.column.dictionary, qi.column.name),
  );
  const scenarios = [
    { k: 2, limit: 0 },
    { k: 5, limit: 0 },
    { k: 10, limit: 0 },
    { k: 20, limit: 0 },
    { k: 5, limit: Math.floor(0.05 * n + 1e-9) },
  ];
  const best = scenarios.map(() => ({ value: Infinity, levels: [] as number[] }));
  const heights = hierarchies.map((h) => h.height);
  const total = heights.reduce((a, b) => a * b, 1);
  const levels = new Array<number>(heights.length).fill(0);
  const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
  for (let node = 0; node < total; node++) {
    let rest = node;
    for (let j = heights.length - 1; j >= 0; j--) {
      levels[j] = rest % heights[j];
      rest = Math.floor(rest / heights[j]);
    }
    const columns = input.quasiIdentifiers.map((qi, j) => {
      const map = toLevelCodes(hierarchies[j], leafCodes[j], levels[j]);
      const codes = new Int32Array(n);
      for (let row = 0; row < n; row++) codes[row] = map[qi.column.codes[row]];
      return { name: qi.column.name, dictionary: hierarchies[j].levels[levels[j]], codes };
    });
    const classes = computeEquivalenceClasses(columns);
    // Per class, Σ over its records of each attribute's loss (size × (leaves − 1)/(all − 1)).
    const q = heights.length;
    const classLoss = new Float64Array(classes.classCount * q);
    const totals = new Float64Array(q);
    for (let c = 0; c < classes.classCount; c++) {
      const first = classes.firstRecordOfClass[c];
      for (let j = 0; j < q; j++) {
        const h = hierarchies[j];
        const value =
          (classes.classSizes[c] * (h.leafCounts[levels[j]][columns[j].codes[first]] - 1)) /
          (h.levels[0].length - 1);
        classLoss[c * q + j] = value;
        totals[j] += value;
      }
    }
    scenarios.forEach(({ k, limit }, index) => {
      const sums = Float64Array.from(totals);
      let suppressed = 0;
      for (let c = 0; c < classes.classCount; c++) {
        const size = classes.classSizes[c];
        if (size >= k) continue;
        suppressed += size;
        for (let j = 0; j < q; j++) sums[j] += size - classLoss[c * q + j];
      }
      if (suppressed > limit) return;
      let logSum = 0;
      for (const sum of sums) logSum += Math.log1p(sum / n);
      const value = Math.expm1(logSum / q);
      const current = best[index];
      const tie = Math.abs(value - current.value) <= 1e-10;
      if ((!tie && value < current.value) || (tie && sumOf(levels) < sumOf(current.levels)))
        best[index] = { value, levels: [...levels] };
    });
  }
  scenarios.forEach(({ k, limit }, index) =>
    console.log(
      `exhaustive k=${k}, at most ${limit} suppressed: levels=[${best[index].levels.join(',')}] loss=${best[index].value.toFixed(6)}`,
    ),
  );
}
