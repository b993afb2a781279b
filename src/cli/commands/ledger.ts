// `anonex ledger export|verify`: write the signed log as JSON Lines from the configured database,
// and verify such an export offline with nothing but the exchange certificate(s).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { describeDifference, encodeBase64, LedgerError } from '../../core/ledger/index.js';
import { closeDatabases, composeServices } from '../../gateway.js';
import { createLogger } from '../../logger.js';
import {
  describeCosignatures,
  requireQuorum,
  verifyExportFile,
  witnessQuorum,
} from '../ledger-files.js';
import { processIo, type CliIo } from '../cli-io.js';
import { addWitnessOptions } from '../witness-options.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function exportCommand(io: CliIo): Command {
  return new Command('export')
    .description('write the signed ledger (entries and checkpoints) as JSON Lines')
    .requiredOption('--out <file>', 'where to write the export')
    .option('--no-flush', 'do not sequence pending events before exporting')
    .action(async (options: { out: string; flush: boolean }) => {
      const config = loadConfig(io.env);
      const { deps, services } = await composeServices(config, {
        logger: createLogger({ logLevel: 'warn' }),
        announce: (line) => io.err(`${line}\n`),
      });
      try {
        await services.ledger.open();
        if (options.flush) await services.ledger.flush();
        const out = createWriteStream(options.out, { encoding: 'utf8' });
        const summary = await services.ledger.exportLedger(async (line) => {
          if (!out.write(`${line}\n`)) await once(out, 'drain');
        });
        out.end();
        await once(out, 'finish');
        io.out(
          `exported ${summary.treeSize} entries and ${summary.checkpoints} checkpoints to ${options.out}\n`,
        );
      } finally {
        await closeDatabases(deps);
      }
    });
}

function verifyCommand(io: CliIo): Command {
  const command = new Command('verify')
    .description(
      'verify a ledger export offline: exit 0 only when every entry and checkpoint verifies',
    )
    .argument('<export>', 'ledger.jsonl written by `anonex ledger export`')
    .requiredOption('--cert <pem>', 'exchange certificate(s), PEM (GET /api/v1/ledger/certificate)')
    .option(
      '--checkpoint <file>',
      'a checkpoint held from elsewhere (signed note, checkpoint JSON or receipt); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    );
  return addWitnessOptions(command, 'the latest checkpoint').action(
    async (
      path: string,
      options: { cert: string; checkpoint: string[]; witness: string[]; minWitnesses?: string },
    ) => {
      const quorum = witnessQuorum(options.witness, options.minWitnesses);
      const report = await verifyExportFile(path, options.cert, options.checkpoint);
      const latest = report.latestCheckpoint;
      const cosigned = requireQuorum(
        report.latestCheckpointNote,
        quorum,
        `the latest checkpoint (size ${report.treeSize})`,
      );
      io.out(
        `OK: ${plural(report.treeSize, 'entry', 'entries')}, ${plural(report.checkpointCount, 'checkpoint', 'checkpoints')} verified; ` +
          `root ${encodeBase64(report.rootHash)}` +
          (latest
            ? ` signed for ${latest.origin} by key ${report.latestSignerKeyIds.join(', ')}`
            : '') +
          '\n',
      );
      if (cosigned.length > 0) io.out(`witnessed by ${describeCosignatures(cosigned)}\n`);
    },
  );
}

function auditCommand(io: CliIo): Command {
  return new Command('audit')
    .description(
      'reconcile the database with the ledger: every trade, review decision, listing, access decision and revocation against its entry, and back; exit 1 on any difference',
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig(io.env);
      const { deps, services } = await composeServices(config, {
        logger: createLogger({ logLevel: 'warn' }),
        announce: (line) => io.err(`${line}\n`),
      });
      let count: number;
      try {
        const report = await services.reconciliation.reconcileAll();
        count = report.differences.length;
        if (options.json) {
          const differences = report.differences.map((difference) => ({
            ...difference,
            description: describeDifference(difference),
          }));
          io.out(`${JSON.stringify({ ...report, differences }, null, 2)}\n`);
        } else {
          for (const difference of report.differences)
            io.out(`DIFFERENCE ${describeDifference(difference)}\n`);
          io.out(
            `${count === 0 ? 'OK' : 'FAILED'}: ${plural(report.rowsChecked, 'row', 'rows')} and ` +
              `${plural(report.entriesChecked, 'ledger entry', 'ledger entries')} reconciled; ` +
              `${plural(count, 'difference', 'differences')}\n`,
          );
        }
      } finally {
        await closeDatabases(deps);
      }
      if (count > 0) {
        throw new LedgerError(
          'ledger_reconciliation_differences',
          `the database differs from the ledger in ${plural(count, 'place', 'places')}`,
          { details: { differences: count } },
        );
      }
    });
}

export function createLedgerCommand(io: CliIo = processIo): Command {
  return new Command('ledger')
    .description('the signed trade ledger: export, offline verification and reconciliation')
    .addCommand(exportCommand(io))
    .addCommand(auditCommand(io))
    .addCommand(verifyCommand(io));
}

export function registerLedgerCommand(program: Command): void {
  program.addCommand(createLedgerCommand());
}
