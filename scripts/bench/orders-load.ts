// Orders per second: `connections` buyers ordering unconditional listings at once, each order a
// distinct (buyer organization, listing) pair, against a fresh gateway (issue #15: ≥ 1,000/s on
// PostgreSQL). Then waits for the ledger to sequence every trade and checks one entry per trade.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     flock /work/bench.lock node --import tsx scripts/bench/orders-load.ts \
//     [--listings 100] [--buyers 120] [--connections 50] [--seconds 5] [--profile-dir DIR]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchDatabase } from './_bench-database.js';
import {
  createBenchParties,
  createBuyerKeys,
  orderEveryPair,
  publishSampleListings,
} from './_bench-parties.js';
import { startGatewayProcess } from './_gateway-process.js';
import { formatLoad, runLoad } from './_load.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '100' },
    // 12,000 distinct pairs: a 5 s run at over 1,000/s would run out of 100 × 60.
    buyers: { type: 'string', default: '120' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    /** Writes the gateway's CPU profile (.cpuprofile) there. */
    'profile-dir': { type: 'string' },
  },
});
const database = benchDatabase();
const gateway = await startGatewayProcess(
  database.freshSchemaEnv(),
  values['profile-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['profile-dir']}`] : [],
);
try {
  const parties = await createBenchParties(gateway.url, gateway.adminKey!);
  const listings = await publishSampleListings(parties, Number(values.listings), 'unconditional');
  const buyers = await createBuyerKeys(parties.admin, Number(values.buyers));
  const result = await runLoad({
    label: 'POST /api/v1/orders',
    baseUrl: gateway.url,
    connections: Number(values.connections),
    durationMs: Number(values.seconds) * 1000,
    next: orderEveryPair(listings, buyers),
  });
  // Every trade gets exactly one ledger entry, once the sequencer has caught up.
  const started = performance.now();
  let sequencedTrades = 0;
  for (;;) {
    const checkpoint = await parties.buyer.json('GET', '/api/v1/ledger/checkpoint', 200);
    const entries: string[] = [];
    for (let start = 0; start < checkpoint.treeSize; start += 1000) {
      const page = await parties.buyer.json(
        'GET',
        `/api/v1/ledger/entries?start=${start}&end=${Math.min(start + 1000, checkpoint.treeSize)}`,
        200,
      );
      for (const entry of page.entries as { entry: string }[]) entries.push(entry.entry);
    }
    const tradeIds = entries
      .map((text) => JSON.parse(text) as { kind: string; trade_id?: string })
      .filter((event) => event.kind === 'trade')
      .map((event) => event.trade_id);
    sequencedTrades = tradeIds.length;
    if (new Set(tradeIds).size !== tradeIds.length)
      throw new Error('a trade has two ledger entries');
    if (sequencedTrades >= result.requests || performance.now() - started > 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(
    `orders: ${listings.length} listings × ${buyers.length} buyers, ${values.connections} connections, ` +
      `database ${database.label}\n${formatLoad(result)}` +
      `\n  ledger: ${sequencedTrades} trade entries for ${result.requests} orders, each once, ` +
      `sequenced ${((performance.now() - started) / 1000).toFixed(1)} s after the load ended` +
      `\nload average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
} finally {
  await gateway.stop();
  await database.drop();
}
