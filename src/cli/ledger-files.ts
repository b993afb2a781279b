// Offline verification from files: certificate bundles, witness checkpoints, exports and receipts.
// Used by `anonex ledger verify`, `anonex receipt verify` and the benchmark; needs no database.
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import {
  ExportVerifier,
  LedgerError,
  rfc9162Hasher,
  verifyReceipt,
  type AuditReport,
  type VerifiedReceipt,
  noteVerifierForKey,
  noteVerifiersFromCertificates,
} from '../core/ledger/index.js';

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
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const failedToOpen = once(stream, 'open').then(
    () => undefined,
    () => {
      throw new LedgerError('ledger_malformed_export', `cannot read export file ${path}`);
    },
  );
  await failedToOpen;
  // Split large chunks on '\n' by hand: readline's per-line events cost more than the hashing.
  let pending = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = pending + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      verifier.addLine(
        text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end),
      );
      start = end + 1;
    }
    pending = text.slice(start);
  }
  if (pending.length > 0) verifier.addLine(pending);
  return verifier.finish();
}

/** Reads and verifies a receipt file; throws a LedgerError naming what is wrong. */
export function verifyReceiptFile(path: string, certificatePath: string): VerifiedReceipt {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new LedgerError('ledger_malformed_receipt', `${path} is not a readable JSON receipt`);
  }
  return verifyReceipt(value, readCertificates(certificatePath), rfc9162Hasher);
}
