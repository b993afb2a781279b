// `anonex witness init|vkey|serve|verify-evidence`: the witness role a member organization runs
// (C2SP tlog-witness) and the offline check of the split-view evidence a witness hands out.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  LedgerError,
  rfc9162Hasher,
  verifySplitViewEvidence,
  witnessVerifierFromVkey,
} from '../../core/ledger/index.js';
import { readCertificates } from '../ledger-files.js';
import { initWitness, loadWitness, startWitnessServer } from '../witness-server.js';
import { processIo, type CliIo } from '../cli-io.js';

const dirOption = [
  '--dir <dir>',
  "the witness's directory: key, name, state and evidence",
] as const;

export function createWitnessCommand(io: CliIo = processIo): Command {
  return new Command('witness')
    .description('cosign the exchange checkpoints as a witness (C2SP tlog-witness), check evidence')
    .addCommand(
      new Command('init')
        .description('create a witness key; prints its vkey for LEDGER_WITNESSES and --witness')
        .requiredOption(...dirOption)
        .requiredOption('--name <name>', 'the witness name, e.g. witness.member.example/w1')
        .action((options: { dir: string; name: string }) => {
          io.out(`${initWitness(options.dir, options.name).vkey}\n`);
        }),
    )
    .addCommand(
      new Command('vkey')
        .description("print the witness's verifier key")
        .requiredOption(...dirOption)
        .action((options: { dir: string }) => {
          io.out(`${loadWitness(options.dir).vkey}\n`);
        }),
    )
    .addCommand(
      new Command('serve')
        .description('answer POST /add-checkpoint: cosign consistent checkpoints, refuse the rest')
        .requiredOption(...dirOption)
        .requiredOption('--cert <pem>', 'exchange certificate(s), PEM: the log the witness follows')
        .option('--host <host>', 'listen address', '127.0.0.1')
        .option('--port <port>', 'listen port', '8090')
        .action(async (options: { dir: string; cert: string; host: string; port: string }) => {
          const witness = await startWitnessServer({
            dir: options.dir,
            logCertificatePem: readFileSync(options.cert, 'utf8'),
            host: options.host,
            port: Number(options.port),
          });
          io.err(`anonex: witness ${witness.identity.name} serving on ${witness.url}\n`);
        }),
    )
    .addCommand(
      new Command('verify-evidence')
        .description(
          "check a witness's split-view evidence offline; exit 0 only when it proves one",
        )
        .argument('<evidence>', 'the JSON a witness returned or wrote under <dir>/evidence')
        .requiredOption('--cert <pem>', 'exchange certificate(s), PEM')
        .option('--witness <vkey>', "the witness's vkey, to check its signature too")
        .action((path: string, options: { cert: string; witness?: string }) => {
          let evidence: unknown;
          try {
            evidence = JSON.parse(readFileSync(path, 'utf8'));
          } catch {
            throw new LedgerError('ledger_malformed_evidence', `${path} is not readable JSON`);
          }
          const proven = verifySplitViewEvidence(
            evidence,
            readCertificates(options.cert),
            rfc9162Hasher,
            options.witness === undefined ? undefined : witnessVerifierFromVkey(options.witness),
          );
          io.out(
            `PROVEN: ${proven.origin} signed ${
              proven.kind === 'same_size'
                ? `two different trees of size ${proven.heldSize}`
                : `trees of sizes ${proven.heldSize} and ${proven.offeredSize} whose consistency proof fails`
            }${proven.witness ? `; refused by witness ${proven.witness}` : ''}\n`,
          );
        }),
    );
}

export function registerWitnessCommand(program: Command): void {
  program.addCommand(createWitnessCommand());
}
