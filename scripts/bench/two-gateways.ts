// Two gateway processes on two data directories sharing one PostgreSQL schema, one bucket (s3rver,
// its own process) and one master key: what one gateway serves against what both serve together
// (issue #15: ≥ 1.6× on queries and catalog), and whether jobs, downloads and trades work across
// them (every job and download succeeds on either; the ledger verifies, one entry per trade).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     flock /work/bench.lock node --import tsx scripts/bench/two-gateways.ts \
//     [--listings 20] [--jobs 6] [--orders 20] [--connections 50] [--seconds 8] [--rounds 2]
//     [--cpu-quota 0.5]   (each gateway held to half a CPU in the throughput runs: root, cgroup v1)
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from '../demo/client.js';
import { HOSPITAL_METADATA } from '../demo/scenario.js';
import { benchDatabase } from './_bench-database.js';
import { createBenchParties, createBuyerKeys, publishSampleListings } from './_bench-parties.js';
import { startGatewayProcess, startUrlProcess, type GatewayProcess } from './_gateway-process.js';
import { accountCpu, formatCpuAccount } from './_cpu-accounting.js';
import { limitCpu } from './_cpu-quota.js';
import { formatLoad, runLoad, type LoadRequest, type LoadResult } from './_load.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '20' },
    jobs: { type: 'string', default: '6' },
    orders: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    /** CPUs each gateway may use in the throughput runs (cgroup quota; root on Linux): each gateway
     *  a machine of that size, the rest of this one left to the load generator and PostgreSQL. */
    'cpu-quota': { type: 'string' },
  },
});
const database = benchDatabase();
if (!database.postgres)
  throw new Error('set DATABASE_URL=postgres://… (several gateways share one PostgreSQL)');
const connections = Number(values.connections);
const durationMs = Number(values.seconds) * 1000;
const SAMPLE_CSV = readFileSync(
  new URL('../../fixtures/samples/hospital-visits.csv', import.meta.url),
);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const s3 = await startUrlProcess(
  fileURLToPath(new URL('./_s3-server-entry.ts', import.meta.url)),
  {},
);
const env: Record<string, string> = {
  ...(s3.started.env as Record<string, string>),
  // Both gateways on one schema: the second finds the first's administrator and ledger key.
  ...database.freshSchemaEnv(),
  ANONEX_MASTER_KEY: randomBytes(32).toString('hex'),
  // The SDK's notice that its 2027 releases need Node 22 (this project pins one that runs on 20).
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const gateways: GatewayProcess[] = [];
try {
  // The first creates the schema, the administrator and the ledger key; the second finds them.
  gateways.push(await startGatewayProcess(env));
  gateways.push(await startGatewayProcess(env));
  const [a, b] = gateways;
  const parties = await createBenchParties(a.url, a.adminKey!);
  const listings = await publishSampleListings(parties, Number(values.listings), 'unconditional');

  // Jobs submitted to either gateway; whichever job runner claims one runs it from the bucket.
  const dataset = await parties.provider.json('POST', '/api/v1/datasets', 201, {
    name: 'two gateways',
    metadata: HOSPITAL_METADATA,
  });
  await parties.provider.json(
    'POST',
    `/api/v1/datasets/${dataset.id}/revisions?filename=visits.csv`,
    201,
    SAMPLE_CSV,
    'text/csv',
  );
  const jobLines: string[] = [];
  let jobsSucceeded = 0;
  const jobIds: string[] = [];
  for (let i = 0; i < Number(values.jobs); i++) {
    const client = createClient(gateways[i % 2].url, parties.provider.key);
    const job = await client.json('POST', '/api/v1/jobs', 201, {
      datasetId: dataset.id,
      policy: { name: 'hospital-visits' },
      seed: i,
    });
    jobIds.push(job.id);
  }
  for (const jobId of jobIds) {
    for (;;) {
      const job = await parties.provider.json('GET', `/api/v1/jobs/${jobId}`, 200);
      if (job.state === 'succeeded') {
        jobsSucceeded++;
        break;
      }
      if (job.state !== 'queued' && job.state !== 'running') {
        jobLines.push(`  job ${jobId}: ${job.state} ${job.failureReason ?? ''}`);
        break;
      }
      await sleep(250);
    }
  }

  // Orders placed on alternate gateways; each copy downloaded from both and compared.
  const buyers = await createBuyerKeys(parties.admin, Number(values.orders));
  const entitlements: { id: string; key: string }[] = [];
  for (let i = 0; i < buyers.length; i++) {
    const client = createClient(gateways[i % 2].url, buyers[i]);
    const order = await client.json('POST', '/api/v1/orders', 201, {
      listingId: listings[i % listings.length],
      purpose: 'scientific_research',
    });
    entitlements.push({ id: order.entitlement.id, key: buyers[i] });
  }
  let downloadsSame = 0;
  let downloadsFailed = 0;
  for (const entitlement of entitlements) {
    const copies = await Promise.all(
      gateways.map((gateway) =>
        createClient(gateway.url, entitlement.key)
          .raw('GET', `/api/v1/entitlements/${entitlement.id}/download?format=csv`, 200)
          .then((reply) => sha256(reply.body))
          .catch(() => null),
      ),
    );
    if (copies.includes(null)) downloadsFailed++;
    else if (copies[0] === copies[1]) downloadsSame++;
  }

  // Throughput: one gateway with every connection, then both with half each, interleaved.
  const catalogRequest: LoadRequest = {
    method: 'GET',
    path: '/api/v1/catalog',
    headers: { authorization: `Bearer ${parties.buyer.key}` },
  };
  const queryRequests: LoadRequest[] = entitlements.map((entitlement) => ({
    method: 'POST',
    path: `/api/v1/entitlements/${entitlement.id}/query`,
    headers: { authorization: `Bearer ${entitlement.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ groupBy: ['department'], aggregates: [{ fn: 'count', as: 'n' }] }),
  }));
  const workloads: { name: string; next: (serial: number) => LoadRequest }[] = [
    { name: 'catalog', next: () => catalogRequest },
    { name: 'query', next: (serial) => queryRequests[serial % queryRequests.length] },
  ];
  const quotaCpus = values['cpu-quota'] === undefined ? undefined : Number(values['cpu-quota']);
  const quotas =
    quotaCpus === undefined
      ? []
      : gateways.map((gateway, index) => limitCpu(gateway.pid, quotaCpus, 'AB'[index]));
  const lines: string[] = [];
  // Scaling needs spare CPU: say how busy the machine and each process were during every run.
  const cpuPids = [a.pid, b.pid, process.pid, s3.pid];
  const cpuNames = ['gateway A', 'gateway B', 'load generator', 's3rver'];
  const cpuLines: string[] = [];
  for (const workload of workloads) {
    const one: LoadResult[] = [];
    const both: LoadResult[][] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const alone = await accountCpu(cpuPids, () =>
        runLoad({
          label: `${workload.name}, one gateway, r${round}`,
          baseUrl: a.url,
          connections,
          durationMs,
          next: workload.next,
        }),
      );
      one.push(alone.result);
      cpuLines.push(
        formatCpuAccount(`${workload.name}, one gateway, r${round}`, cpuNames, alone.cpu),
      );
      const together = await accountCpu(cpuPids, () =>
        Promise.all(
          gateways.map((gateway, index) =>
            runLoad({
              label: `${workload.name}, gateway ${'AB'[index]}, r${round}`,
              baseUrl: gateway.url,
              connections: connections / 2,
              durationMs,
              next: workload.next,
            }),
          ),
        ),
      );
      both.push(together.result);
      cpuLines.push(
        formatCpuAccount(`${workload.name}, both gateways, r${round}`, cpuNames, together.cpu),
      );
    }
    const median = (rates: number[]) =>
      rates.sort((x, y) => x - y)[Math.floor((rates.length - 1) / 2)];
    const oneRate = median(one.map((result) => result.perSecond));
    const bothRate = median(both.map((pair) => pair[0].perSecond + pair[1].perSecond));
    lines.push(
      ...[...one, ...both.flat()].map(formatLoad),
      `  ${workload.name}: both ${bothRate.toFixed(0)} req/s ÷ one ${oneRate.toFixed(0)} req/s = ${(bothRate / oneRate).toFixed(2)}×`,
    );
  }

  for (const quota of quotas) quota.release();

  // The ledger: every trade once, then the whole log verified offline against the certificate.
  const tradeCount = entitlements.length;
  let tradeEntries = 0;
  for (const started = performance.now(); performance.now() - started < 60_000;) {
    const checkpoint = await parties.buyer.json('GET', '/api/v1/ledger/checkpoint', 200);
    const page = await parties.buyer.json(
      'GET',
      `/api/v1/ledger/entries?start=0&end=${checkpoint.treeSize}`,
      200,
    );
    const tradeIds = (page.entries as { entry: string }[])
      .map(({ entry }) => JSON.parse(entry) as { kind: string; trade_id?: string })
      .filter((event) => event.kind === 'trade')
      .map((event) => event.trade_id);
    if (new Set(tradeIds).size !== tradeIds.length)
      throw new Error('a trade has two ledger entries');
    tradeEntries = tradeIds.length;
    if (tradeEntries >= tradeCount) break;
    await sleep(500);
  }
  const certificate = await parties.buyer.raw('GET', '/api/v1/ledger/certificate', 200);
  const certFile = join(b.dataDir, 'exchange.pem');
  const exportFile = join(b.dataDir, 'ledger.jsonl');
  writeFileSync(certFile, certificate.body);
  const cli = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./_anonex-cli.ts', import.meta.url)), ...args],
      { env: { ...process.env, ...env, DATA_DIR: b.dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8' },
    );
  const exported = cli(['ledger', 'export', '--out', exportFile]);
  const verified = cli(['ledger', 'verify', exportFile, '--cert', certFile]);

  console.log(
    `two gateways (two DATA_DIRs, one PostgreSQL, one s3rver bucket), ${connections} connections, ${values.seconds} s per run${quotaCpus === undefined ? '' : `, each gateway held to ${quotaCpus} CPU in the throughput runs`}\n` +
      `jobs: ${jobsSucceeded} of ${jobIds.length} submitted alternately to A and B succeeded\n${jobLines.map((line) => `${line}\n`).join('')}` +
      `downloads: ${downloadsSame} of ${entitlements.length} trades downloaded from both gateways, byte-identical; ${downloadsFailed} failed\n` +
      `ledger: ${tradeEntries} trade entries for ${tradeCount} trades, each once; ` +
      `export ${exported.status === 0 ? 'ok' : `failed: ${exported.stderr}`}; verify: ${(verified.stdout || verified.stderr).trim()}\n` +
      lines.join('\n') +
      `\n${cpuLines.join('\n')}` +
      `\nload average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
} finally {
  for (const gateway of gateways.reverse()) await gateway.stop();
  await s3.stop();
  await database.drop();
}
