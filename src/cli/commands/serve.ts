// `anonex serve`: runs the gateway until SIGTERM/SIGINT, then shuts down gracefully.
import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { startGateway, stopOnSignals } from '../../gateway.js';
import { processIo, type CliIo } from '../cli-io.js';

export function createServeCommand(io: CliIo = processIo): Command {
  return new Command('serve')
    .description(
      'serve the gateway (HOST:PORT, default 127.0.0.1:8080); first start creates an admin key',
    )
    .option('--host <host>', 'listen address (overrides HOST)')
    .option('--port <port>', 'listen port (overrides PORT)')
    .action(async (options: { host?: string; port?: string }) => {
      const config = loadConfig({
        ...io.env,
        ...(options.host !== undefined ? { HOST: options.host } : {}),
        ...(options.port !== undefined ? { PORT: options.port } : {}),
      });
      const gateway = await startGateway(config, {
        announce: (line) => io.err(`${line}\n`),
      }).catch((error: unknown) => {
        // The error itself is printed by main() with its code; say first what it means here.
        io.err('anonex: refusing to start: the gateway failed a start check\n');
        throw error;
      });
      io.err(`anonex: serving on ${gateway.url} (docs: ${gateway.url}/docs)\n`);
      stopOnSignals(gateway);
    });
}

export const registerServeCommand = (program: Command): void => {
  program.addCommand(createServeCommand());
};
