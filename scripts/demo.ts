// The end-to-end demo (issue #10): a gateway on a temporary data directory, three organizations,
// and the whole Art. 29 path over the HTTP API, from upload to an offline-verified ledger.
//
//   npm run demo                 leaves the gateway running with the console URL and API keys
//   npm run demo -- --exit       stops after the last step (the demo test runs this)
//   npm run demo -- --port 8080 --data-dir ./data/demo
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { startGateway, stopOnSignals, type RunningGateway } from '../src/gateway.js';
import { createLogger } from '../src/logger.js';
import { step } from './demo/client.js';
import { assertPortFree, parsePort, prepareDataDir } from './demo/preflight.js';
import { ORGANIZATIONS } from './demo/scenario.js';
import { runDemoTrade } from './demo/trade.js';

const HOST = '127.0.0.1';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      exit: { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
    },
  });
  // Both checks come before anything is written, so a refused demo leaves no trace.
  const port = parsePort(values.port);
  await assertPortFree(HOST, port);
  const dataDir = prepareDataDir(values['data-dir']);
  let gateway: RunningGateway | undefined;
  let keys: Record<string, string>;
  try {
    const config = loadConfig({
      DATA_DIR: dataDir.path,
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    gateway = await startGateway(config, {
      logger: createLogger({ logLevel: 'warn' }),
      announce: () => undefined,
    });
    keys = (await runDemoTrade(gateway, dataDir.path)).keys;
  } catch (error) {
    // A failed step stops the gateway (its workers and sockets would keep the process alive)
    // and takes back the data directory, then the error is reported by the caller.
    if (gateway !== undefined) await stopWithin(gateway, 15_000);
    dataDir.discard();
    throw error;
  }

  if (values.exit) {
    // A stop that hangs (a worker or a socket that never closes) is a failure, not a silent wait.
    if (!(await stopWithin(gateway, 15_000)))
      throw new Error('the gateway did not stop within 15 s');
    step('done', 'every step succeeded');
    // Nothing is left to wait for; exit even if an idle keep-alive socket of fetch lingers.
    process.exit(0);
  }
  stopOnSignals(gateway);
  console.log(`\nConsole: ${gateway.url}/console   (Ctrl-C to stop)`);
  for (const org of ORGANIZATIONS)
    console.log(`  ${org.role.padEnd(9)} ${keys[org.role]}   ${org.name}`);
  console.log(`  admin     ${keys.admin}`);
}

/** Whether the gateway stopped within `timeoutMs`. */
async function stopWithin(gateway: RunningGateway, timeoutMs: number): Promise<boolean> {
  return Promise.race([
    gateway.stop().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  // Exit now: a half-closed fetch socket or timer must not leave a failed demo hanging.
  process.exit(1);
});
