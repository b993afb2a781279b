// Backup and restore of a realistic data directory (issue 19, item 3): a gateway with `listings`
// published listings bought by `buyers` buyers each (one trade, one ledger entry per order) and
// `uploads` raw uploads; `anonex admin backup` while it runs, then `anonex admin restore` onto an
// empty DATA_DIR (or schema), and a start of the restored gateway (ledger start check, same tree).
//
//   flock /work/bench.lock node --import tsx scripts/bench/backup.ts \
//     [--listings 100] [--buyers 50] [--uploads 20]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test flock /work/bench.lock node --import tsx scripts/bench/backup.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createBenchParties,
  createBuyerKeys,
  orderEveryPair,
  publishSampleListings,
} from './_bench-parties.js';
import { benchDatabase } from './_bench-database.js';
import { startGatewayProcess } from './_gateway-process.js';
import { runLoad } from './_load.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '100' },
    buyers: { type: 'string', default: '50' },
    uploads: { type: 'string', default: '20' },
  },
});
const CLI = fileURLToPath(new URL('./_anonex-cli.ts', import.meta.url));
const SAMPLE_CSV = fileURLToPath(
  new URL('../../fixtures/samples/hospital-visits.csv', import.meta.url),
);
const database = benchDatabase();
// The source and the restored gateway each on their own schema (PostgreSQL).
const [sourceDatabaseEnv, restoredDatabaseEnv] = [
  database.freshSchemaEnv(),
  database.freshSchemaEnv(),
];
const scratch = mkdtempSync(join(tmpdir(), 'anonex-bench-backup-'));
const envOf = (dataDir: string, databaseEnv: Record<string, string>): Record<string, string> => ({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...databaseEnv,
});

/** Runs `anonex …` as an operator would; returns wall time (ms), its output and peak RSS (MiB). */
function anonex(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const output = execFileSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { ms: performance.now() - started, output: output.trim() };
}

const du = (path: string) =>
  Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const sourceDir = join(scratch, 'source');
const gateway = await startGatewayProcess(envOf(sourceDir, sourceDatabaseEnv));
try {
  const parties = await createBenchParties(gateway.url, gateway.adminKey!);
  const listings = await publishSampleListings(parties, Number(values.listings), 'unconditional');
  const buyers = await createBuyerKeys(parties.admin, Number(values.buyers));
  const orders = await runLoad({
    label: 'orders',
    baseUrl: gateway.url,
    connections: 20,
    durationMs: 600_000,
    next: orderEveryPair(listings, buyers),
  });
  const dataset = await parties.provider.json('POST', '/api/v1/datasets', 201, {
    name: 'bench uploads',
    metadata: (await import('../demo/scenario.js')).HOSPITAL_METADATA,
  });
  for (let i = 0; i < Number(values.uploads); i++) {
    await parties.provider.json(
      'POST',
      `/api/v1/datasets/${dataset.id}/revisions?filename=visits-${i}.csv`,
      201,
      // A distinct file each time (its own blob): the sample with a changing last line.
      Buffer.concat([readFileSync(SAMPLE_CSV), Buffer.from(`\n`.repeat(i))]),
      'text/csv',
    );
  }
  for (;;) {
    const checkpoint = await parties.buyer.json('GET', '/api/v1/ledger/checkpoint', 200);
    if (checkpoint.treeSize >= orders.requests - orders.errors) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const treeSize = (await parties.buyer.json('GET', '/api/v1/ledger/checkpoint', 200)).treeSize;

  // The backup runs beside the live gateway, which keeps answering orders meanwhile.
  const backupDir = join(scratch, 'backup');
  const backup = anonex(['admin', 'backup', backupDir], envOf(sourceDir, sourceDatabaseEnv));
  const backupBytes = du(backupDir);
  const sourceBytes = du(sourceDir);
  await gateway.stop();

  const restoredDir = join(scratch, 'restored');
  const restore = anonex(
    ['admin', 'restore', backupDir, '--master-key-file', join(sourceDir, 'master.key')],
    envOf(restoredDir, restoredDatabaseEnv),
  );
  const restored = await startGatewayProcess(envOf(restoredDir, restoredDatabaseEnv));
  const startCheck = await fetch(`${restored.url}/api/v1/ledger/checkpoint`).then((r) => r.json());
  await restored.stop();
  console.log(
    `backup/restore: ${database.label}, ${listings.length} listings, ` +
      `${orders.requests - orders.errors} trades, ${values.uploads} uploads, ledger tree ${treeSize}\n` +
      `  DATA_DIR ${mib(sourceBytes)}${database.postgres ? ' (database in PostgreSQL)' : ''}; backup ${mib(backupBytes)}\n` +
      `  backup  ${(backup.ms / 1000).toFixed(1)} s  (${backup.output})\n` +
      `  restore ${(restore.ms / 1000).toFixed(1)} s  (${restore.output})\n` +
      `  restored gateway started: start check passed, tree ${startCheck.treeSize} (source ${treeSize})\n` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
} finally {
  await gateway.stop().catch(() => undefined);
  await database.drop();
  rmSync(scratch, { recursive: true, force: true });
}
