// The catalog under 50 concurrent connections against a bare Express 5 server returning the same
// body, measured in the same run, interleaved (issue #15: 0 timeouts, ≥ 0.5 of bare Express), with
// /healthz sampled throughout.
//
//   flock /work/bench.lock node --import tsx scripts/bench/catalog-load.ts [--listings 20]
//     [--connections 50] [--seconds 10] [--rounds 2] [--profile-dir DIR]
//   (DATABASE_URL=postgres://… for PostgreSQL: a fresh schema, dropped afterwards)
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDatabase } from './_bench-database.js';
import { createBenchParties, publishSampleListings } from './_bench-parties.js';
import { startGatewayProcess, startUrlProcess } from './_gateway-process.js';
import { formatLatencies, startHealthzSampler } from './_healthz-sampler.js';
import { formatLoad, runLoad, type LoadResult } from './_load.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    /** Writes the gateway's CPU profile (.cpuprofile) there. */
    'profile-dir': { type: 'string' },
  },
});
const connections = Number(values.connections);
const durationMs = Number(values.seconds) * 1000;
const database = benchDatabase();
const gateway = await startGatewayProcess(
  database.freshSchemaEnv(),
  values['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-dir']}`] : [],
);
const stops: (() => Promise<void>)[] = [gateway.stop];
try {
  const parties = await createBenchParties(gateway.url, gateway.adminKey!);
  await publishSampleListings(parties, Number(values.listings), 'conditional');
  const path = '/api/v1/catalog';
  const sample = await parties.buyer.raw('GET', path, 200);
  const bodyFile = join(tmpdir(), `anonex-catalog-body-${process.pid}.json`);
  writeFileSync(bodyFile, sample.body);
  const bare = await startUrlProcess(
    fileURLToPath(new URL('./_bare-express-entry.ts', import.meta.url)),
    { BODY_FILE: bodyFile },
  );
  stops.push(bare.stop);
  const request = {
    method: 'GET',
    path,
    headers: { authorization: `Bearer ${parties.buyer.key}` },
  };
  const results: { bare: LoadResult[]; gateway: LoadResult[] } = { bare: [], gateway: [] };
  const sampler = startHealthzSampler(gateway.url);
  for (let round = 1; round <= Number(values.rounds); round++) {
    sampler.phase('bare express');
    results.bare.push(
      await runLoad({
        label: `bare express, round ${round}`,
        baseUrl: bare.url,
        connections,
        durationMs,
        next: () => request,
      }),
    );
    sampler.phase('catalog load');
    results.gateway.push(
      await runLoad({
        label: `catalog, round ${round}`,
        baseUrl: gateway.url,
        connections,
        durationMs,
        next: () => request,
      }),
    );
  }
  const phases = await sampler.stop();
  const median = (list: LoadResult[]) => {
    const rates = list.map((r) => r.perSecond).sort((a, b) => a - b);
    return rates[Math.floor((rates.length - 1) / 2)];
  };
  console.log(
    `catalog: ${sample.body.length} bytes per page, ${values.listings} published listings, ` +
      `${connections} connections, ${values.seconds} s per run, database ${database.label}\n` +
      [...results.bare, ...results.gateway].map(formatLoad).join('\n') +
      `\n  ratio (median catalog / median bare): ${(median(results.gateway) / median(results.bare)).toFixed(2)}` +
      `\n${formatLatencies(phases)}` +
      `\nload average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
} finally {
  for (const stop of stops.reverse()) await stop();
  await database.drop();
}
