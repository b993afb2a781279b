// The in-value fingerprint as the gateway serves it (issue 19 item 4): the cost of planning a
// listing (what the engine worker does once per listing: read the artifact, prepare the release,
// plan, re-measure the worst case); a CSV download with the mark and without it, side by side on
// the same serving copy; and attribution of copies produced by the download path itself (the
// serving copy, the withheld ordinals anti-joined, the keyed order, CSV bytes read back), per attack.
//
//   flock /work/bench.lock node --import tsx scripts/bench/fingerprint-serving.ts
//     [--plan-rows 1000000] [--detect-rows 10000] [--buyers 20] [--rounds 3] [--repeats 2]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ColumnTable } from 'arquero';
import {
  applyLeakAttacks,
  colludeCopies,
  seededAttackCombination,
  type LeakAttack,
} from '../../fixtures/fingerprint/leak-attacks.js';
import {
  buildHospitalRelease,
  RELEASE_POLICIES,
} from '../../fixtures/fingerprint/hospital-release.js';
import {
  attributeLeak,
  planFingerprint,
  withheldRowsOf,
  type FingerprintPlan,
  type PreparedRelease,
} from '../../src/core/fingerprint/index.js';
import { createRng } from '../../src/core/rng.js';
import { readTable, writeTable } from '../../src/core/table/index.js';
import { AnalyticsEngine } from '../../src/services/delivery/analytics-engine.js';
import { streamCopy } from '../../src/services/delivery/copy-stream.js';
import { keyedRowOrder } from '../../src/services/delivery/keyed-row-order.js';
import { describeServingCopy } from '../../src/services/delivery/served-artifact.js';
import { writeServingCopy } from '../../src/services/delivery/serving-copy.js';
import {
  planListingFingerprint,
  prepareListingRelease,
  type ReleaseDescription,
} from '../../src/services/engine/plan-listing-fingerprint.js';
import { machineLoad } from './_large-fixture.js';

const { values } = parseArgs({
  options: {
    'plan-rows': { type: 'string', default: '1000000' },
    'detect-rows': { type: 'string', default: '10000' },
    buyers: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    repeats: { type: 'string', default: '2' },
  },
});

const directory = await mkdtemp(join(tmpdir(), 'anonex-fingerprint-serving-'));
const engine = new AnalyticsEngine({
  threads: availableParallelism(),
  memoryMb: 1024,
  cacheMb: 4096,
  directory,
});
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

/** A release through the shipped policy, its CSV artifact and the description the gateway reads back. */
function listingOf(rows: number) {
  const built = buildHospitalRelease({ rows, seed: 19 });
  const roles = Object.fromEntries(
    built.table
      .columnNames()
      .map((column) => [column, built.sensitive.includes(column) ? 'sensitive' : 'quasi'] as const),
  );
  const description: ReleaseDescription = {
    policyYaml: readFileSync(RELEASE_POLICIES.shipped, 'utf8'),
    policySource: RELEASE_POLICIES.shipped,
    roles,
    quasiIdentifiers: built.quasiIdentifiers,
  };
  return { csv: Buffer.from(writeTable(built.table, 'csv')), description };
}

/** The serving copy of `csv` (as a gateway makes it from a legacy CSV artifact). */
async function servingCopyOf(csv: Buffer, name: string) {
  const artifact = join(directory, `${name}.csv`);
  await writeFile(artifact, csv);
  const path = join(directory, `${name}.serving.parquet`);
  await writeServingCopy(engine, artifact, 'csv', path);
  return { path, ...(await describeServingCopy(engine, path)) };
}

type Served = Awaited<ReturnType<typeof servingCopyOf>>;

/** One CSV download through the serving path: bytes, first byte and first rows, seconds. */
async function download(served: Served, tradeKey: Uint8Array, withheld: Uint32Array | undefined) {
  const begin = performance.now();
  const parts: Uint8Array[] = [];
  let firstByteMs = 0;
  let firstRowsMs = 0;
  for await (const chunk of streamCopy(
    engine,
    {
      artifact: { path: served.path, ordinal: served.ordinal },
      columns: served.columns,
      withheld,
      orderKey: keyedRowOrder(tradeKey, served.columns),
      artifactRows: served.rowCount,
      scratchPath: join(directory, 'scratch.parquet'),
    },
    'csv',
  )) {
    if (parts.length === 0) firstByteMs = performance.now() - begin;
    if (parts.length === 1) firstRowsMs = performance.now() - begin;
    parts.push(chunk);
  }
  const bytes = Buffer.concat(parts);
  return { bytes, firstByteMs, firstRowsMs, seconds: (performance.now() - begin) / 1000 };
}

async function planningAndDownload(rows: number): Promise<void> {
  let started = performance.now();
  const { csv, description } = listingOf(rows);
  console.log(
    `release of ${rows.toLocaleString('en')} rows built in ${seconds(started)} s (${(csv.length / 1e6).toFixed(0)} MB CSV)`,
  );
  started = performance.now();
  const { table } = readTable(csv, { format: 'csv' });
  const readS = seconds(started);
  started = performance.now();
  prepareListingRelease(table, description);
  const prepareS = seconds(started);
  const listingKeyHex = randomBytes(32).toString('hex');
  started = performance.now();
  const planned = planListingFingerprint(table, {
    artifact: { blob: { sha256: '', raw: false, sizeBytes: csv.length }, format: 'csv' },
    release: description,
    listingKeyHex,
  });
  const planS = seconds(started);
  if (planned.kind !== 'planned') throw new Error(`not planned: ${planned.reason}`);
  console.log(
    `planning a listing of ${rows.toLocaleString('en')} rows (once per listing, in the engine worker): read artifact ${readS} s; prepare + plan + worst-case re-measure ${planS} s (prepare alone ${prepareS} s); ${planned.first.length} slots, worst case k ${planned.worstCase.kBefore} → ${planned.worstCase.kAfter}, classes ${planned.worstCase.classesBefore} → ${planned.worstCase.classesAfter}`,
  );
  const plan: FingerprintPlan = {
    scheme: 'anonex-withheld-pairs-v1',
    rowCount: planned.rowCount,
    first: planned.first,
    second: planned.second,
    digest: planned.digest,
    summary: planned.summary,
  };
  const served = await servingCopyOf(csv, 'download');
  const tradeKey = randomBytes(32);
  started = performance.now();
  const withheld = withheldRowsOf(plan, tradeKey);
  const codewordUs = ((performance.now() - started) * 1000).toFixed(0);
  console.log(`withheldRowsOf (per download): ${codewordUs} µs for ${withheld.length} rows`);
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    for (const [label, rowsWithheld] of [
      ['without the mark', undefined],
      ['with the mark', withheld],
    ] as const) {
      const result = await download(served, tradeKey, rowsWithheld);
      console.log(
        `CSV download ${label} (${rows.toLocaleString('en')} rows${rowsWithheld ? `, ${rowsWithheld.length} withheld` : ''}): first byte ${result.firstByteMs.toFixed(0)} ms, first rows ${result.firstRowsMs.toFixed(0)} ms, ${(result.bytes.length / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(2)} s = ${(result.bytes.length / 1e6 / result.seconds).toFixed(1)} MB/s`,
      );
    }
  }
}

interface AttackCase {
  readonly name: string;
  readonly colluders: 1 | 2;
  readonly attacks: (rng: ReturnType<typeof createRng>) => readonly LeakAttack[];
  readonly mix?: 'union' | 'interleave';
}

const fixed =
  (...attacks: LeakAttack[]) =>
  () =>
    attacks;

const CASES: readonly AttackCase[] = [
  { name: 'unchanged download', colluders: 1, attacks: fixed() },
  { name: 're-sorted by columns', colluders: 1, attacks: fixed({ kind: 'resort', by: 'column' }) },
  {
    name: 'half the columns (4 of 7), shuffled',
    colluders: 1,
    attacks: fixed({ kind: 'drop_columns', keep: 4 }, { kind: 'resort', by: 'shuffle' }),
  },
  {
    name: '20 % of rows kept, shuffled',
    colluders: 1,
    attacks: fixed({ kind: 'keep_rows', share: 0.2 }, { kind: 'resort', by: 'shuffle' }),
  },
  {
    name: '20 % of rows deleted',
    colluders: 1,
    attacks: fixed({ kind: 'delete_rows', share: 0.2 }),
  },
  {
    name: '20 % synthetic rows added',
    colluders: 1,
    attacks: fixed({ kind: 'add_rows', share: 0.2, source: 'synthetic' }),
  },
  {
    name: 'CSV → JSON Lines, renamed columns',
    colluders: 1,
    attacks: fixed({ kind: 'reencode', format: 'jsonl' }, { kind: 'rename_columns' }),
  },
  {
    name: 'GB18030 CSV, numbers as 300.00',
    colluders: 1,
    attacks: fixed({ kind: 'reencode', format: 'csv-gb18030' }, { kind: 'round_numerics' }),
  },
  { name: 'seeded combination', colluders: 1, attacks: (rng) => seededAttackCombination(rng) },
  {
    name: 'two buyers: union, re-sorted',
    colluders: 2,
    mix: 'union',
    attacks: fixed({ kind: 'resort', by: 'column' }),
  },
  { name: 'two buyers: interleave', colluders: 2, mix: 'interleave', attacks: fixed() },
];

async function detection(rows: number, buyers: number, rounds: number): Promise<void> {
  const { csv, description } = listingOf(rows);
  const { table } = readTable(csv, { format: 'csv' });
  const prepared: PreparedRelease = prepareListingRelease(table, description);
  const plan = planFingerprint(prepared, { listingKey: randomBytes(32) });
  const served = await servingCopyOf(csv, 'detect');
  const keys = Array.from({ length: buyers }, () => randomBytes(32));
  const candidates = keys.map((key, index) => ({ tradeId: `trade-${index}`, key }));
  const copies: ColumnTable[] = [];
  for (const key of keys) {
    const { bytes } = await download(served, key, withheldRowsOf(plan, key));
    copies.push(readTable(bytes, { format: 'csv' }).table);
  }
  console.log(
    `\ndetection on downloads of a ${rows.toLocaleString('en')}-row release (${plan.first.length} slots), ${buyers} buyers × ${rounds} rounds; accused at FAP ≤ 1e-6:`,
  );
  console.log(
    '| attack | leaks | right trade first and accused (all colluders) | inconclusive | wrong first | innocent accused | median log10 FAP of the leaker |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [caseIndex, attackCase] of CASES.entries()) {
    let leaks = 0;
    let right = 0;
    let allColluders = 0;
    let inconclusive = 0;
    let wrong = 0;
    let innocent = 0;
    const log10s: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let buyer = 0; buyer < buyers; buyer++) {
        const rng = createRng(19_000 + caseIndex * 1000 + round * buyers + buyer);
        const partner = (buyer + 1 + round) % buyers;
        const guilty =
          attackCase.colluders === 1 ? [buyer] : [buyer, partner === buyer ? buyer + 1 : partner];
        const mixed =
          attackCase.colluders === 1
            ? copies[buyer]
            : colludeCopies(copies[guilty[0]], copies[guilty[1]], attackCase.mix ?? 'union', rng);
        const leaked = applyLeakAttacks(mixed, attackCase.attacks(rng), rng);
        const result = attributeLeak(leaked, prepared, plan, candidates, { tradeCount: buyers });
        leaks++;
        const guiltyIds = guilty.map((index) => `trade-${index}`);
        const first = result.ranking[0];
        log10s.push(
          Math.min(
            ...result.ranking
              .filter((score) => guiltyIds.includes(score.tradeId))
              .map((score) => score.log10FalseAccusation),
          ),
        );
        if (result.accused.some((id) => !guiltyIds.includes(id))) innocent++;
        if (result.verdict !== 'attributed') inconclusive++;
        else if (guiltyIds.includes(first.tradeId)) {
          right++;
          if (guiltyIds.every((id) => result.accused.includes(id))) allColluders++;
        } else wrong++;
      }
    }
    log10s.sort((a, b) => a - b);
    const share = (count: number) => `${((100 * count) / leaks).toFixed(0)} %`;
    console.log(
      `| ${attackCase.name} | ${leaks} | ${share(right)}${attackCase.colluders === 2 ? ` (both: ${share(allColluders)})` : ''} | ${share(inconclusive)} | ${wrong} | ${innocent} | ${log10s[Math.floor(log10s.length / 2)].toFixed(1)} |`,
    );
  }
}

try {
  console.log(`machine: ${machineLoad()}`);
  await planningAndDownload(Number(values['plan-rows']));
  await detection(Number(values['detect-rows']), Number(values.buyers), Number(values.rounds));
  console.log(`machine after: ${machineLoad()}`);
} finally {
  await engine.close();
  await rm(directory, { recursive: true, force: true });
}
