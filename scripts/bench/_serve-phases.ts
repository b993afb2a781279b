// Serving a large release over HTTP, as a buyer meets it (issue #15): the job's report approved,
// one listing published and bought, then an aggregate query burst at 10 and at 100 connections
// and one CSV download, each its own `/healthz` phase. Used by upload-health.ts after its job.
import type { Client } from '../demo/client.js';
import { publishJobListings, type BenchParties } from './_bench-parties.js';
import type { GatewayProcess } from './_gateway-process.js';
import type { HealthzSampler } from './_healthz-sampler.js';
import { formatLoad, runLoad } from './_load.js';

const MB = 1_000_000;

/** The aggregate: visits by department (the shipped policy releases cost as bands). */
const AGGREGATE = JSON.stringify({
  groupBy: ['department'],
  aggregates: [{ fn: 'count', as: 'n' }],
});

export async function measureServing(options: {
  readonly gateway: GatewayProcess;
  readonly parties: BenchParties;
  readonly jobId: string;
  readonly sampler: HealthzSampler;
  readonly seconds: number;
  readonly connections: readonly number[];
}): Promise<string[]> {
  const { gateway, parties, sampler } = options;
  const [listingId] = await publishJobListings(parties, options.jobId, 1);
  const order = await parties.buyer.json('POST', '/api/v1/orders', 201, {
    listingId,
    purpose: 'scientific_research',
  });
  const entitlementId = order.entitlement.id as string;
  // The first answer builds the gateway's serving copy of the release and the buyer's marked
  // copy (once per artifact and trade): timed on its own, outside the bursts.
  sampler.phase('first query');
  const firstStarted = performance.now();
  await parties.buyer.json(
    'POST',
    `/api/v1/entitlements/${entitlementId}/query`,
    200,
    JSON.parse(AGGREGATE),
  );
  const lines = [
    `  first aggregate query (builds the serving copies): ${(performance.now() - firstStarted).toFixed(0)} ms`,
  ];
  for (const connections of options.connections) {
    sampler.phase(`query ×${connections}`);
    const result = await runLoad({
      label: `aggregate query, ${connections} connections`,
      baseUrl: gateway.url,
      connections,
      durationMs: options.seconds * 1000,
      next: () => ({
        method: 'POST',
        path: `/api/v1/entitlements/${entitlementId}/query`,
        headers: {
          authorization: `Bearer ${parties.buyer.key}`,
          'content-type': 'application/json',
        },
        body: AGGREGATE,
      }),
    });
    lines.push(formatLoad(result));
  }
  sampler.phase('download');
  lines.push(await measureDownload(gateway, parties.buyer, entitlementId));
  return lines;
}

/** One CSV download read to its end: first byte, first rows, throughput and the gateway's RSS growth. */
async function measureDownload(
  gateway: GatewayProcess,
  buyer: Client,
  entitlementId: string,
): Promise<string> {
  const rssBefore = gateway.rssMiB();
  let rssPeak = rssBefore;
  const watch = setInterval(() => (rssPeak = Math.max(rssPeak, gateway.rssMiB())), 50);
  const started = performance.now();
  const response = await fetch(
    `${gateway.url}/api/v1/entitlements/${entitlementId}/download?format=csv`,
    { headers: { authorization: `Bearer ${buyer.key}` } },
  );
  if (response.status !== 200 || response.body === null)
    throw new Error(`download: ${response.status} ${await response.text()}`);
  let firstByteMs: number | undefined;
  let firstRowsMs: number | undefined;
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    firstByteMs ??= performance.now() - started;
    bytes += chunk.byteLength;
    // "First rows": the header line and at least one row have arrived.
    if (firstRowsMs === undefined) {
      for (const byte of chunk) if (byte === 0x0a) newlines++;
      if (newlines >= 2) firstRowsMs = performance.now() - started;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watch);
  return (
    `  CSV download: ${(bytes / MB).toFixed(0)} MB in ${seconds.toFixed(1)} s = ` +
    `${(bytes / MB / seconds).toFixed(0)} MB/s; first byte ${firstByteMs?.toFixed(0)} ms, ` +
    `first rows ${firstRowsMs?.toFixed(0)} ms; gateway RSS growth ${(rssPeak - rssBefore).toFixed(0)} MiB`
  );
}
