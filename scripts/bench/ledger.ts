// Benchmark: the signed ledger on SQLite (issue #8 targets: ≥ 20,000 appends/s through the
// sequencer; inclusion proof of a 1M-entry log ≤ 1 ms; offline verification of a 1M-entry export ≤ 10 s).
// Run: node --import tsx scripts/bench/ledger.ts [entries=1000000] [appendEntries=200000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import pino from 'pino';
import { verifyExportFile } from '../../src/cli/ledger-files.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { canonicalJson } from '../../src/core/canonical-json.js';
import {
  CompactRange,
  MapSubtreeHashSource,
  inclusionProof,
  rfc9162Hasher,
} from '../../src/core/ledger/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { randomIds } from '../../src/services/ids.js';
import { LedgerService } from '../../src/services/ledger/index.js';
import type { Database } from '../../src/store/db.js';
import { openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';

const entries = Number(process.argv[2] ?? 1_000_000);
const appendEntries = Number(process.argv[3] ?? 200_000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** CPU milliseconds this process spent since `since` (user + system): the figure load on a shared machine does not inflate. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Outbox rows as the services write them (canonical JSON with a timestamp), inserted in bulk for setup. */
async function fillOutbox(db: Database, count: number, from: number): Promise<void> {
  const CHUNK = 500;
  await db.transaction(async (trx) => {
    for (let i = 0; i < count; i += CHUNK) {
      const rows = [];
      for (let j = i; j < Math.min(count, i + CHUNK); j++) {
        const n = from + j;
        const body = {
          kind: 'trade',
          trade_id: `trd_${n}`,
          listing_id: `lst_${n % 997}`,
          buyer_organization_id: `org_${n % 101}`,
          recorded_at_ms: 1_767_000_000_000 + n,
        };
        rows.push({
          kind: 'trade',
          entry_json: canonicalJson(body),
          recorded_at_ms: body.recorded_at_ms,
        });
      }
      await trx('ledger_outbox').insert(rows);
    }
  });
}

async function ledgerOn(
  dataDir: string,
  batchMaxEntries: number,
): Promise<{ db: Database; ledger: LedgerService }> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    LEDGER_BATCH_MAX_ENTRIES: String(batchMaxEntries),
    LOG_LEVEL: 'silent',
  });
  const db = await openDatabase({ url: config.databaseUrl });
  await migrateToLatest(db);
  const deps: ServiceDeps = {
    db,
    readDb: db,
    clock: systemClock,
    ids: randomIds,
    blobs: undefined as unknown as ServiceDeps['blobs'], // the ledger never touches blobs
    secrets: undefined as unknown as ServiceDeps['secrets'], // nor sealed secrets
    config,
    logger: pino({ level: 'silent' }),
  };
  return { db, ledger: new LedgerService(deps) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'anonex-bench-ledger-'));
process.stdout.write(
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
try {
  // 1. Appends through the sequencer, default batch size (LEDGER_BATCH_MAX_ENTRIES=256).
  {
    const { db, ledger } = await ledgerOn(join(dataDir, 'appends'), 256);
    await ledger.open();
    await fillOutbox(db, appendEntries, 0);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const appended = await ledger.flush();
    const ms = performance.now() - start;
    const appendCpuMs = cpuMs(cpu);
    process.stdout.write(
      `appends through the sequencer (SQLite, batches of 256, one signed checkpoint each): ${fmt(appended)} entries in ${ms.toFixed(0)} ms = ${fmt(appended / (ms / 1000))} appends/s wall; CPU ${appendCpuMs.toFixed(0)} ms = ${fmt(appended / (appendCpuMs / 1000))} appends per CPU-second\n`,
    );
    // Producers and the running sequencer together: events recorded one transaction each.
    ledger.sequencer.start();
    const concurrentStart = performance.now();
    const produced = 5_000;
    const { recordLedgerEvent } = await import('../../src/services/ledger-outbox.js');
    for (let i = 0; i < produced; i++)
      await db.transaction((trx) =>
        recordLedgerEvent(trx, systemClock, { kind: 'trade', trade_id: `live_${i}` }),
      );
    await ledger.flush();
    const concurrentMs = performance.now() - concurrentStart;
    await ledger.sequencer.stop();
    process.stdout.write(
      `record (one transaction per event) while the sequencer runs, until all sequenced: ${fmt(produced)} events in ${concurrentMs.toFixed(0)} ms = ${fmt(produced / (concurrentMs / 1000))} events/s\n`,
    );
    await db.destroy();
  }

  // 2. A log of `entries` leaves, built by the sequencer in large batches.
  const { db, ledger } = await ledgerOn(join(dataDir, 'large'), 10_000);
  await ledger.open();
  let buildMs = 0;
  for (let done = 0; done < entries; done += 100_000) {
    const count = Math.min(100_000, entries - done);
    await fillOutbox(db, count, done);
    const start = performance.now();
    await ledger.flush();
    buildMs += performance.now() - start;
  }
  process.stdout.write(
    `built a ${fmt(entries)}-entry log through the sequencer (batches of 10,000) at ${fmt(entries / (buildMs / 1000))} appends/s\n`,
  );

  // 3. Inclusion proofs from the database (two indexed queries each) and from memory (core only).
  const probes = 2_000;
  let seed = 12345;
  const nextIndex = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % entries;
  };
  for (let i = 0; i < 200; i++)
    await ledger.inclusionProof({ leafIndex: nextIndex(), treeSize: entries });
  let start = performance.now();
  let cpu = process.cpuUsage();
  for (let i = 0; i < probes; i++)
    await ledger.inclusionProof({ leafIndex: nextIndex(), treeSize: entries });
  const dbProofMs = (performance.now() - start) / probes;
  const dbProofCpuMs = cpuMs(cpu) / probes;
  process.stdout.write(
    `inclusion proof in a ${fmt(entries)}-entry log, served from SQLite (?index=&size=): ${(dbProofMs * 1000).toFixed(0)} µs wall, ${(dbProofCpuMs * 1000).toFixed(0)} µs CPU per proof (mean of ${fmt(probes)})\n`,
  );
  {
    const source = new MapSubtreeHashSource();
    const range = new CompactRange(rfc9162Hasher);
    for (let i = 0; i < entries; i++) {
      const leafHash = rfc9162Hasher.hashLeaf(Buffer.from(`leaf ${i}`));
      source.set({ level: 0, index: i }, leafHash);
      for (const node of range.append(leafHash)) source.set(node, node.hash);
    }
    start = performance.now();
    for (let i = 0; i < probes * 10; i++)
      inclusionProof(nextIndex(), entries, source, rfc9162Hasher);
    const memoryProofMs = (performance.now() - start) / (probes * 10);
    process.stdout.write(
      `inclusion proof in a ${fmt(entries)}-entry log, core over an in-memory subtree source: ${(memoryProofMs * 1000).toFixed(1)} µs per proof\n`,
    );
  }

  // 4. Export and offline verification.
  const exportPath = join(dataDir, 'ledger.jsonl');
  const certPath = join(dataDir, 'exchange.pem');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(certPath, await ledger.certificateBundle());
  start = performance.now();
  const out = createWriteStream(exportPath);
  await ledger.exportLedger(async (line) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
  process.stdout.write(
    `export: ${fmt(entries)} entries, ${(statSync(exportPath).size / 1048576).toFixed(0)} MiB in ${(performance.now() - start).toFixed(0)} ms\n`,
  );
  await db.destroy();
  start = performance.now();
  cpu = process.cpuUsage();
  const report = await verifyExportFile(exportPath, certPath);
  const verifyMs = performance.now() - start;
  const verifyCpuMs = cpuMs(cpu);
  process.stdout.write(
    `offline verification of the export (anonex ledger verify): ${fmt(report.treeSize)} entries, ${fmt(report.checkpointCount)} checkpoints in ${(verifyMs / 1000).toFixed(2)} s wall, ${(verifyCpuMs / 1000).toFixed(2)} s CPU\n`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
