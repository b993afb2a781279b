// Benchmark: direct-identifier detection over the 1M-row × 12-column hospital fixture (issue #3 target:
// full scan ≥ 500k rows/s, peak memory ≤ 1 GiB) and value-level detector figures on the labelled samples.
// Run: node --expose-gc --import tsx scripts/bench/detect.ts [rows]   (rows 0: value-level figures only)
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDetectors, detectColumns, scanColumnMatches } from '../../src/core/detect/index.js';
import { encodeColumn, readTable } from '../../src/core/table/index.js';
import { loadBenchTable, machineLoad, peakRssMiB, time } from './_large-fixture.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const TODAY = 20261127;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function benchLargeFixture(): void {
  const { table, bytes, readMs, readCpuMs, readPeakMiB } = loadBenchTable(rows);
  const n = table.numRows();
  const rate = (ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  process.stdout.write(`${machineLoad()}\n`);
  process.stdout.write(
    `input: ${n.toLocaleString('en-US')} rows × ${table.numCols()} columns (CSV ${(bytes / 2 ** 20).toFixed(0)} MiB; ` +
      `read + parse ${readMs.toFixed(0)} ms wall, ${readCpuMs.toFixed(0)} ms CPU = ${rate(readCpuMs)} CPU; peak RSS ${readPeakMiB.toFixed(0)} MiB)\n`,
  );

  // Warm-up on a slice so the JIT has compiled the detectors.
  detectColumns(table.slice(0, 50_000).reify(), { todayYmd: TODAY, fullScan: true });

  for (const [label, fullScan] of [
    ['sample-then-full (detect)', false],
    ['full scan (every value)', true],
  ] as const) {
    const runs: { ms: number; cpuMs: number }[] = [];
    let identifiers = 0;
    for (let run = 0; run < 3; run++) {
      const { result, ms, cpuMs } = time(() => detectColumns(table, { todayYmd: TODAY, fullScan }));
      identifiers = result.columns.filter((c) => c.direct_identifier).length;
      runs.push({ ms, cpuMs });
    }
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    process.stdout.write(
      `${label.padEnd(28)} best of 3: ${best.ms.toFixed(0)} ms wall = ${rate(best.ms)}; ${best.cpuMs.toFixed(0)} ms CPU = ${rate(best.cpuMs)} ` +
        `(${identifiers} direct-identifier columns)\n`,
    );
  }
  process.stdout.write(`peak RSS: ${peakRssMiB().toFixed(0)} MiB\n`);
}

if (rows > 0) benchLargeFixture();

// Value-level figures on the labelled fixture samples: for each identifier column, the share of its
// non-empty values its detector recognises; for every other column, the share the detector matches.
const detectors = createDetectors({ todayYmd: TODAY });
const recall = new Map<string, { matched: number; total: number }>();
const falseHits = new Map<string, { matched: number; total: number }>();
for (const file of readdirSync(`${ROOT}fixtures/labels`).filter((f) => f.endsWith('.json'))) {
  const label = JSON.parse(readFileSync(`${ROOT}fixtures/labels/${file}`, 'utf8')) as {
    samples: { file: string }[];
    columns: { name: string; role: string; kind?: string }[];
  };
  const sample = readTable(readFileSync(`${ROOT}${label.samples[0].file}`)).table;
  for (const column of label.columns) {
    const encoded = encodeColumn(column.name, sample.array(column.name) as ArrayLike<unknown>);
    const scan = scanColumnMatches(encoded, detectors);
    detectors.forEach((detector, d) => {
      const into =
        column.role === 'direct_identifier'
          ? column.kind === detector.kind
            ? recall
            : undefined
          : falseHits;
      if (!into) return;
      const entry = into.get(detector.kind) ?? { matched: 0, total: 0 };
      entry.matched += scan.matches[d];
      entry.total += scan.nonEmpty;
      into.set(detector.kind, entry);
    });
  }
}
process.stdout.write('\nvalue level on fixtures/samples (labelled columns):\n');
process.stdout.write(
  'detector        recall on its columns          matches in non-identifier columns\n',
);
for (const detector of detectors) {
  const r = recall.get(detector.kind);
  const f = falseHits.get(detector.kind)!;
  const recallText = r
    ? `${((r.matched / r.total) * 100).toFixed(2)}% of ${r.total}`
    : 'no labelled column';
  process.stdout.write(
    `${detector.kind.padEnd(16)}${recallText.padEnd(31)}${((f.matched / f.total) * 100).toFixed(3)}% of ${f.total}\n`,
  );
}
