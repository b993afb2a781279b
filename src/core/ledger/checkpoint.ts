// C2SP tlog-checkpoint: origin, tree size and base64 root hash, as the text of a signed note.
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { LedgerError } from './errors.js';
import { HASH_SIZE_BYTES } from './hasher.js';
import {
  parseSignedNote,
  signNote,
  verifyNoteSignatures,
  type NoteSigner,
  type NoteVerifier,
  type SignedNote,
} from './signed-note.js';

/** A signed tree head: the state of the log at `treeSize` leaves. */
export interface Checkpoint {
  /** Unique identity of the log, e.g. `anonex.local/ledger` (C2SP: schema-less URL). */
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** Optional extension lines after the root hash, kept verbatim. */
  readonly extensions: readonly string[];
}

/** A checkpoint whose signatures were checked, and which trusted keys signed it. */
export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: SignedNote;
  readonly signedBy: readonly NoteVerifier[];
}

/** The note text of a checkpoint: `<origin>\n<size>\n<base64 root>\n[extension lines]`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const extensions = checkpoint.extensions.map((line) => `${line}\n`).join('');
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${encodeBase64(checkpoint.rootHash)}\n${extensions}`;
}

/** Parses a checkpoint text (the part of the note before the signatures). */
export function parseCheckpointText(text: string): Checkpoint {
  const malformed = (reason: string) =>
    new LedgerError('ledger_malformed_checkpoint', `checkpoint: ${reason}`);
  const lines = text.split('\n');
  // A text ending with "\n" splits into a trailing empty string.
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw malformed('want origin, size and root lines');
  const [origin, sizeLine, rootLine] = lines;
  const extensions = lines.slice(3, -1);
  if (origin.length === 0) throw malformed('empty origin');
  // Decimal without leading zeros or sign, so one tree size has exactly one text.
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw malformed(`tree size ${JSON.stringify(sizeLine.slice(0, 20))} is not a decimal integer`);
  }
  const rootHash = decodeBase64Strict(rootLine);
  if (rootHash === undefined) throw malformed('root hash is not base64');
  if (rootHash.length !== HASH_SIZE_BYTES) {
    throw new LedgerError(
      'ledger_invalid_hash_size',
      `checkpoint root hash is ${rootHash.length} bytes, want 32`,
    );
  }
  if (extensions.some((line) => line.length === 0)) throw malformed('empty extension line');
  return { origin, treeSize: Number(sizeLine), rootHash, extensions };
}

/** Formats and signs a checkpoint: the signed note served and stored. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Parses a signed checkpoint and checks it was signed by a trusted key and, when given, names
 * `expectedOrigin`. Throws `ledger_malformed_note`, `ledger_malformed_checkpoint`,
 * `ledger_untrusted_signer`, `ledger_bad_signature` or `ledger_origin_mismatch`.
 */
export function openCheckpoint(
  noteText: string,
  trusted: readonly NoteVerifier[],
  expectedOrigin?: string,
): VerifiedCheckpoint {
  const note = parseSignedNote(noteText);
  const checkpoint = parseCheckpointText(note.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new LedgerError(
      'ledger_origin_mismatch',
      `checkpoint origin ${checkpoint.origin}, want ${expectedOrigin}`,
      {
        details: { origin: checkpoint.origin, expectedOrigin },
      },
    );
  }
  const signedBy = verifyNoteSignatures(note, trusted);
  return { checkpoint, note, signedBy };
}
