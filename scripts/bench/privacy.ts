// Benchmark: k-anonymity plus distinct l-diversity over synthetic rows × 8 quasi-identifiers on one
// thread (issue #4 target: ≥ 3M rows/s at 5M rows). Prints figures; not a test.
// Run: node --import tsx scripts/bench/privacy.ts [rows]
import { createRng } from '../../src/core/rng.js';
import type { DictionaryColumn } from '../../src/core/table/dictionary-column.js';
import {
  computeEquivalenceClasses,
  countClassValues,
  measureDistinctL,
  measureK,
  measurePrivacy,
  measureTOrdered,
} from '../../src/core/privacy/index.js';

const rows = Number(process.argv[2] ?? 5_000_000);
// Cardinalities like a census extract: age, sex, race, marital status, education, region, occupation band, year.
const cardinalities = (process.env.CARDS ?? '74,2,5,7,16,41,14,10').split(',').map(Number);

function syntheticColumn(name: string, cardinality: number, seed: number): DictionaryColumn {
  const rng = createRng(seed);
  const codes = new Int32Array(rows);
  // Skewed values (a square of a uniform draw), as real quasi-identifiers are.
  for (let row = 0; row < rows; row++) {
    const u = rng.next();
    codes[row] = Math.floor(u * u * cardinality);
  }
  const dictionary = Array.from({ length: cardinality }, (_, code) => `${name}-${code}`);
  return { name, dictionary, codes };
}

const quasiIdentifiers = cardinalities.map((cardinality, index) =>
  syntheticColumn(`q${index}`, cardinality, index + 1),
);
const sensitive = syntheticColumn('diagnosis', 30, 99);

/**
 * Wall time and this process's CPU time (user + system). On a shared machine the CPU time is the
 * fairer figure: wall time also counts the slices other processes took from our core.
 */
function time<T>(run: () => T): { result: T; ms: number; cpuMs: number } {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = run();
  const cpu = process.cpuUsage(cpuStart);
  return {
    result,
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function rate(ms: number): string {
  return `${(((rows / ms) * 1000) / 1e6).toFixed(2)} M rows/s`;
}

// Warm-up on the same data so the JIT has compiled the loops.
computeEquivalenceClasses(quasiIdentifiers);

const runs: number[] = [];
const cpuRuns: number[] = [];
let summary = '';
for (let run = 0; run < 3; run++) {
  const { result, ms, cpuMs } = time(() => {
    const classes = computeEquivalenceClasses(quasiIdentifiers);
    const counts = countClassValues(classes, sensitive);
    return { k: measureK(classes), l: measureDistinctL(counts), classes: classes.classCount };
  });
  runs.push(ms);
  cpuRuns.push(cpuMs);
  summary = `classes=${result.classes} k=${result.k} distinct-l=${result.l}`;
}
const best = Math.min(...runs);
const bestCpu = Math.min(...cpuRuns);
console.log(`privacy bench: ${rows} rows x ${cardinalities.length} QIs, ${summary}`);
console.log(
  `k + distinct l: best wall ${best.toFixed(0)} ms -> ${rate(best)}; best cpu ${bestCpu.toFixed(0)} ms -> ${rate(bestCpu)}`,
);

const classesOnly = time(() => computeEquivalenceClasses(quasiIdentifiers));
console.log(
  `equivalence classes only: wall ${classesOnly.ms.toFixed(0)} ms -> ${rate(classesOnly.ms)}; cpu ${classesOnly.cpuMs.toFixed(0)} ms -> ${rate(classesOnly.cpuMs)}`,
);

const full = time(() =>
  measurePrivacy({
    quasiIdentifiers,
    sensitive: [{ column: sensitive, distance: 'equal' }],
    riskThreshold: 0.05,
  }),
);
console.log(
  `measurePrivacy (k, l x3, t, delta, risk, GB/T 42460): wall ${full.ms.toFixed(0)} ms -> ${rate(full.ms)}; cpu ${full.cpuMs.toFixed(0)} ms -> ${rate(full.cpuMs)}`,
);

// Ordered t-closeness with a continuous sensitive attribute: 1M rows, 100k classes, 5000 values.
{
  const n = 1_000_000;
  const rng = createRng(7);
  const classCodes = new Int32Array(n);
  const valueCodes = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    classCodes[row] = rng.nextInt(100_000);
    valueCodes[row] = rng.nextInt(5000);
  }
  const labels = (count: number) => Array.from({ length: count }, (_, code) => String(code));
  const classes = computeEquivalenceClasses([
    { name: 'q', dictionary: labels(100_000), codes: classCodes },
  ]);
  const values = labels(5000);
  const counts = countClassValues(classes, {
    name: 'income',
    dictionary: values,
    codes: valueCodes,
  });
  measureTOrdered(counts, values);
  const ordered = time(() => measureTOrdered(counts, values));
  console.log(
    `ordered t: ${classes.classCount} classes x 5000 values: wall ${ordered.ms.toFixed(0)} ms, cpu ${ordered.cpuMs.toFixed(0)} ms (t = ${ordered.result.toFixed(4)})`,
  );
}
