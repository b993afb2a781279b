// The serving engine on large artifacts (issue #15 targets): aggregate queries at 10 concurrent
// callers on a 1M-row artifact, and a 5M-row CSV download (first byte, MB/s, RSS growth). Measured
// at the service seam (DuckDB through services/delivery, no HTTP), so the figures are the engine's.
//
//   flock /work/bench.lock node --import tsx scripts/bench/serving.ts [--query-rows 1000000]
//     [--download-rows 5000000] [--connections 10] [--seconds 10] [--format csv]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileQuery, parseQuery, sql } from '../../src/core/query/index.js';
import { AnalyticsEngine } from '../../src/services/delivery/analytics-engine.js';
import { streamCopy, type CopyFormat } from '../../src/services/delivery/copy-stream.js';
import { keyedRowOrder } from '../../src/services/delivery/keyed-row-order.js';
import {
  copyRelation,
  describeServingCopy,
  entitledSchema,
  exactSumColumns,
  pathLiteral,
  withheldRelation,
} from '../../src/services/delivery/served-artifact.js';
import { writeServingCopy, writeServingRows } from '../../src/services/delivery/serving-copy.js';
import { machineLoad } from './_large-fixture.js';

const { values } = parseArgs({
  options: {
    'query-rows': { type: 'string', default: '1000000' },
    'download-rows': { type: 'string', default: '5000000' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    format: { type: 'string', default: 'csv' },
  },
});

const directory = await mkdtemp(join(tmpdir(), 'anonex-serving-bench-'));
const engine = new AnalyticsEngine({
  threads: availableParallelism(),
  memoryMb: 1024,
  cacheMb: 4096,
  directory,
});

/** A released table like the hospital fixture's, typed as new artifacts are: written by DuckDB. */
async function writeArtifact(rows: number, name: string): Promise<string> {
  const path = join(directory, `${name}.parquet`);
  await engine.run(sql`COPY (SELECT
      ['内科', '外科', '儿科', '妇产科', '眼科', '口腔科', '急诊科'][1 + (i % 7)::INT] AS department,
      ['F', 'M'][1 + (i // 7 % 2)::INT] AS sex,
      ['20-29', '30-39', '40-49', '50-59', '60-69'][1 + (i // 14 % 5)::INT] AS age_band,
      ['和平区', '河西区', '南开区', '河东区'][1 + (i // 70 % 4)::INT] AS zone,
      'J' || lpad(CAST(hash(i) % 78 AS VARCHAR), 2, '0') AS diagnosis,
      CAST((hash(i * 31) % 90000) / 100.0 AS DECIMAL(18, 2)) AS cost_yuan,
      DATE '2024-01-01' + CAST(hash(i * 7) % 366 AS INTEGER) AS visit_date
    FROM range(${{ sql: String(rows), params: [] }}) AS t(i)) TO ${pathLiteral(path)} (FORMAT parquet)`);
  const serving = join(directory, `${name}.serving.parquet`);
  const started = performance.now();
  await writeServingCopy(engine, path, 'parquet', serving);
  console.log(
    `${name}: ${rows.toLocaleString('en')} rows, serving copy written in ${((performance.now() - started) / 1000).toFixed(1)} s (once per artifact per gateway)`,
  );
  return serving;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

try {
  console.log(`machine: ${machineLoad()}`);
  // 1. Aggregate queries.
  const queryPath = await writeArtifact(Number(values['query-rows']), 'query');
  const described = await describeServingCopy(engine, queryPath);
  const { schema, served } = entitledSchema(
    described.columns,
    described.columns.map((column) => column.name),
  );
  const key = randomBytes(32);
  const query = parseQuery(
    {
      groupBy: ['department'],
      aggregates: [
        { fn: 'count', as: 'n' },
        { fn: 'sum', column: 'cost_yuan', as: 'cost' },
      ],
    },
    schema,
  );
  const rowsWithheld = Math.max(320, Math.round(described.rowCount / 100));
  // The fingerprint plan's default: a copy lacks the larger of 320 rows and 1 % (docs/fingerprinting.md).
  const withheldOrdinals = Array.from({ length: rowsWithheld }, (_, i) =>
    Math.floor((i * described.rowCount) / rowsWithheld),
  );
  const withheldRowsPath = join(directory, 'query.withheld.parquet');
  await writeServingRows(engine, queryPath, described.ordinal, withheldOrdinals, withheldRowsPath);
  const release = copyRelation({ path: queryPath, ordinal: described.ordinal }, served, {
    withheld: undefined,
  });
  const markedCopy = copyRelation({ path: queryPath, ordinal: described.ordinal }, served, {
    withheld: withheldRelation(withheldOrdinals),
  });
  const withheldLabel = `${rowsWithheld.toLocaleString('en')} rows withheld`;
  for (const [label, options] of [
    ['the release (no mark)', { source: release }],
    [`a buyer's copy (${withheldLabel}), anti-join on every row`, { source: markedCopy }],
    [
      `a buyer's copy (${withheldLabel}), release less withheld rows (as the service runs count/sum)`,
      {
        source: markedCopy,
        subtraction: {
          release,
          withheld: copyRelation({ path: withheldRowsPath, ordinal: described.ordinal }, served, {
            withheld: undefined,
          }),
          exactSumColumns: exactSumColumns(served),
        },
      },
    ],
  ] as const) {
    const compiled = compileQuery(query, { minimumGroupSize: 5, ...options });
    const latencies: number[] = [];
    const deadline = performance.now() + Number(values.seconds) * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Number(values.connections) }, async () => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          // As the service answers an aggregate: one scan, the totals on every row.
          await engine.all(compiled.answer!);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `aggregate query on ${label} (groupBy department, count + sum), ${values.connections} concurrent: ${(latencies.length / elapsed).toFixed(0)} req/s, p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`,
    );
  }

  // 2. A large download.
  const downloadPath = await writeArtifact(Number(values['download-rows']), 'download');
  const large = await describeServingCopy(engine, downloadPath);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const begin = performance.now();
  let firstByteMs = 0;
  let firstRowsMs = 0;
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of streamCopy(
    engine,
    {
      artifact: { path: downloadPath, ordinal: large.ordinal },
      columns: large.columns,
      withheld: Array.from({ length: 50_000 }, (_, i) => i * 97),
      orderKey: keyedRowOrder(key, large.columns),
      artifactRows: large.rowCount,
      scratchPath: join(directory, 'scratch.parquet'),
    },
    values.format as CopyFormat,
  )) {
    if (chunks === 0) firstByteMs = performance.now() - begin;
    if (chunks === 1) firstRowsMs = performance.now() - begin;
    chunks++;
    bytes += chunk.length;
  }
  clearInterval(sampler);
  const seconds = (performance.now() - begin) / 1000;
  console.log(
    `download ${values.format} of ${large.rowCount.toLocaleString('en')} rows: first byte ${firstByteMs.toFixed(0)} ms, first rows ${(values.format === 'csv' ? firstRowsMs : firstByteMs).toFixed(0)} ms, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${(bytes / 1e6 / seconds).toFixed(0)} MB/s, RSS growth ${((rssPeak - rssBefore) / 2 ** 20).toFixed(0)} MiB`,
  );
} finally {
  await engine.close();
  await rm(directory, { recursive: true, force: true });
}
