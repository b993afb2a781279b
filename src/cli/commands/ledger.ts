// `anonex ledger export|verify`: write the signed log as JSON Lines from the configured database,
// and verify such an export offline with nothing but the exchange certificate(s).
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import {
  ExportVerifier,
  LedgerError,
  encodeBase64,
  rfc9162Hasher,
  type AuditReport,
} from '../../core/ledger/index.js';
import { composeServices } from '../../gateway.js';
import { createLogger } from '../../logger.js';
import { noteVerifierForKey, noteVerifiersFromCertificates } from '../../services/ledger/index.js';
import { processIo, type CliIo } from '../cli-io.js';

/** Reads a PEM bundle; a missing or broken file is a typed error naming it. */
export function readCertificates(path: string) {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new LedgerError('ledger_malformed_certificate', `cannot read certificate file ${path}`);
  }
  return noteVerifiersFromCertificates(pem);
}

/**
 * A checkpoint held from elsewhere: a signed note as text, the JSON of GET /ledger/checkpoint
 * (`{ checkpoint }`), or a receipt (its `checkpoint`).
 */
export function readWitnessCheckpoint(path: string): { label: string; note: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new LedgerError('ledger_malformed_checkpoint', `cannot read checkpoint file ${path}`);
  }
  if (text.trimStart().startsWith('{')) {
    try {
      const value = JSON.parse(text) as { checkpoint?: unknown };
      if (typeof value.checkpoint === 'string')
        return { label: `checkpoint ${path}`, note: value.checkpoint };
    } catch {
      // fall through: not JSON after all
    }
    throw new LedgerError(
      'ledger_malformed_checkpoint',
      `${path} holds JSON without a "checkpoint" string`,
    );
  }
  return { label: `checkpoint ${path}`, note: text };
}

/** Verifies an export file line by line (constant memory); throws the first defect as a LedgerError. */
export async function verifyExportFile(
  path: string,
  certificatePath: string,
  checkpointPaths: readonly string[] = [],
): Promise<AuditReport> {
  const verifier = new ExportVerifier({
    hasher: rfc9162Hasher,
    trusted: readCertificates(certificatePath),
    verifierForRotatedKey: noteVerifierForKey,
    witnessCheckpoints: checkpointPaths.map(readWitnessCheckpoint),
  });
  const stream = createReadStream(path, { encoding: 'utf8' });
  const failedToOpen = once(stream, 'open').then(
    () => undefined,
    () => {
      throw new LedgerError('ledger_malformed_export', `cannot read export file ${path}`);
    },
  );
  await failedToOpen;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) verifier.addLine(line);
  return verifier.finish();
}

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
        await deps.db.destroy();
      }
    });
}

function verifyCommand(io: CliIo): Command {
  return new Command('verify')
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
    )
    .action(async (path: string, options: { cert: string; checkpoint: string[] }) => {
      const report = await verifyExportFile(path, options.cert, options.checkpoint);
      const latest = report.latestCheckpoint;
      io.out(
        `OK: ${report.treeSize} entries, ${report.checkpointCount} checkpoints verified; ` +
          `root ${encodeBase64(report.rootHash)}` +
          (latest
            ? ` signed for ${latest.origin} by key ${report.latestSignerKeyIds.join(', ')}`
            : '') +
          '\n',
      );
    });
}

export function createLedgerCommand(io: CliIo = processIo): Command {
  return new Command('ledger')
    .description('the signed trade ledger: export and offline verification')
    .addCommand(exportCommand(io))
    .addCommand(verifyCommand(io));
}

export function registerLedgerCommand(program: Command): void {
  program.addCommand(createLedgerCommand());
}
