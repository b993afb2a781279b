// Reads what an offline verification needs from files (certificate bundles, witness checkpoints,
// exports, receipts) and hands the text to core/ledger. Used by `anonex ledger verify`,
// `anonex receipt verify`, the demo and the ledger benchmark; needs no database.
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import {
  ExportChunkVerifier,
  LedgerError,
  noteVerifiersFromCertificates,
  parseReceiptText,
  parseWitnessCheckpoint,
  requireCosignatures,
  rfc9162Hasher,
  verifyReceipt,
  witnessVerifierFromVkey,
  type SignedNote,
  type VerifiedCosignature,
  type WitnessVerifier,
  type AuditReport,
  type LedgerErrorCode,
  type NoteVerifier,
  type VerifiedReceipt,
  type WitnessCheckpoint,
} from '../core/ledger/index.js';

/** A file's text; an unreadable file is the typed error `code` with `message`. */
function readText(path: string, code: LedgerErrorCode, message: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new LedgerError(code, message);
  }
}

/** Reads a PEM bundle; a missing or broken file is a typed error naming it. */
export function readCertificates(path: string): NoteVerifier[] {
  return noteVerifiersFromCertificates(
    readText(path, 'ledger_malformed_certificate', `cannot read certificate file ${path}`),
  );
}

/** Reads a checkpoint held from elsewhere (see parseWitnessCheckpoint for the forms it takes). */
export function readWitnessCheckpoint(path: string): WitnessCheckpoint {
  return parseWitnessCheckpoint(
    readText(path, 'ledger_malformed_checkpoint', `cannot read checkpoint file ${path}`),
    path,
  );
}

/** Verifies an export file as it streams (constant memory); throws the first defect as a LedgerError. */
export async function verifyExportFile(
  path: string,
  certificatePath: string,
  checkpointPaths: readonly string[] = [],
): Promise<AuditReport> {
  const verifier = new ExportChunkVerifier(
    readCertificates(certificatePath),
    checkpointPaths.map(readWitnessCheckpoint),
  );
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const failedToOpen = once(stream, 'open').then(
    () => undefined,
    () => {
      throw new LedgerError('ledger_malformed_export', `cannot read export file ${path}`);
    },
  );
  await failedToOpen;
  for await (const chunk of stream as AsyncIterable<string>) verifier.addChunk(chunk);
  return verifier.finish();
}

/** Reads and verifies a receipt file; throws a LedgerError naming what is wrong. */
export function verifyReceiptFile(path: string, certificatePath: string): VerifiedReceipt {
  const receipt = parseReceiptText(
    readText(path, 'ledger_malformed_receipt', `${path} is not a readable JSON receipt`),
    path,
  );
  return verifyReceipt(receipt, readCertificates(certificatePath), rfc9162Hasher);
}

/** The witnesses a verification requires: `--witness` vkeys and `--min-witnesses` (default: all). */
export interface WitnessQuorum {
  readonly witnesses: readonly WitnessVerifier[];
  readonly minWitnesses: number;
}

export function witnessQuorum(vkeys: readonly string[], minWitnesses?: string): WitnessQuorum {
  const witnesses = vkeys.map(witnessVerifierFromVkey);
  const min = minWitnesses === undefined ? witnesses.length : Number(minWitnesses);
  if (!/^\d+$/.test(minWitnesses ?? '0') || min > witnesses.length) {
    throw new LedgerError(
      'ledger_malformed_cosignature',
      `--min-witnesses ${minWitnesses}: want an integer from 0 to ${witnesses.length}, the number of --witness keys given`,
    );
  }
  return { witnesses, minWitnesses: min };
}

/**
 * Checks `note` (a checkpoint, with what signs it) against the quorum; throws
 * `ledger_insufficient_cosignatures` naming the missing witnesses. No witnesses asked: nothing.
 */
export function requireQuorum(
  note: string | SignedNote | undefined,
  quorum: WitnessQuorum,
  what: string,
): VerifiedCosignature[] {
  if (quorum.minWitnesses === 0) return [];
  if (note === undefined) {
    throw new LedgerError(
      'ledger_insufficient_cosignatures',
      `${what} does not exist, so no witness cosigned it`,
      {
        details: {
          required: quorum.minWitnesses,
          found: [],
          missing: quorum.witnesses.map((w) => w.name),
        },
      },
    );
  }
  return requireCosignatures(note, quorum.witnesses, quorum.minWitnesses, what);
}

/** "name (ISO time), …" for the CLI's report of who cosigned. */
export function describeCosignatures(found: readonly VerifiedCosignature[]): string {
  return found
    .map((f) => `${f.witness.name} (${new Date(f.timestampSeconds * 1000).toISOString()})`)
    .join(', ');
}
