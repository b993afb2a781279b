// `anonex receipt verify`: checks one trade receipt offline against the exchange certificate(s).
import { Command } from 'commander';
import { hexKeyId } from '../../core/ledger/index.js';
import {
  describeCosignatures,
  requireQuorum,
  verifyReceiptFile,
  witnessQuorum,
} from '../ledger-files.js';
import { processIo, type CliIo } from '../cli-io.js';
import { addWitnessOptions } from '../witness-options.js';

export function createReceiptCommand(io: CliIo = processIo): Command {
  const verify = new Command('verify')
    .description(
      'verify a receipt offline: its checkpoint signature and the inclusion of its entry',
    )
    .argument('<receipt>', 'receipt.json (GET /api/v1/ledger/receipts/:leafIndex)')
    .requiredOption('--cert <pem>', 'exchange certificate(s), PEM');
  return new Command('receipt').description('trade receipts').addCommand(
    addWitnessOptions(verify, "the receipt's checkpoint").action(
      (path: string, options: { cert: string; witness: string[]; minWitnesses?: string }) => {
        const quorum = witnessQuorum(options.witness, options.minWitnesses);
        const verified = verifyReceiptFile(path, options.cert);
        const cosigned = requireQuorum(
          verified.checkpoint.note,
          quorum,
          `the receipt's checkpoint (size ${verified.checkpoint.checkpoint.treeSize})`,
        );
        const entry = verified.entry as { kind?: unknown };
        const { checkpoint, signedBy } = verified.checkpoint;
        io.out(
          `OK: entry ${verified.leafIndex} (${String(entry.kind ?? 'unknown kind')}) is in ${checkpoint.origin} ` +
            `at tree size ${checkpoint.treeSize}, signed by key ${signedBy.map((v) => hexKeyId(v.keyId)).join(', ')}\n`,
        );
        // A party's receipt opens the entry's commitments: each opening was checked against its hash.
        if (verified.openedFields.length > 0)
          io.out(`opened: ${verified.openedFields.join(', ')} (each matches its commitment)\n`);
        if (cosigned.length > 0) io.out(`witnessed by ${describeCosignatures(cosigned)}\n`);
      },
    ),
  );
}

export function registerReceiptCommand(program: Command): void {
  program.addCommand(createReceiptCommand());
}
