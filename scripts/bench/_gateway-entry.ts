// Child-process entry of _gateway-process.ts: a gateway configured from the environment, which
// prints one JSON line with its URL (and the admin key on first start) once it listens.
import { loadConfig } from '../../src/config.js';
import { startGateway, stopOnSignals } from '../../src/gateway.js';

const gateway = await startGateway(loadConfig(), { announce: () => undefined });
stopOnSignals(gateway);
process.stdout.write(
  `${JSON.stringify({
    url: gateway.url,
    adminKey: gateway.bootstrap.kind === 'created' ? gateway.bootstrap.key : undefined,
  })}\n`,
);
