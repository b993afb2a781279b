// Trade receipts: one entry, its leaf index, its inclusion proof and the signed checkpoint that
// covers it, verifiable offline by anyone holding the exchange certificate.
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { openCheckpoint, type VerifiedCheckpoint } from './checkpoint.js';
import { openEntry, parseEntryOpenings, type EntryOpenings } from './commitments.js';
import { LedgerError } from './errors.js';
import type { LogHasher } from './hasher.js';
import { verifyInclusion } from './proof-verification.js';
import type { NoteVerifier } from './signed-note.js';

export const RECEIPT_FORMAT = 'anonex-receipt/1';

/**
 * The receipt JSON, exactly as served and stored (docs/ledger.md):
 * - `entry`: the ledger entry as its canonical JSON text (RFC 8785); the leaf is its UTF-8 bytes.
 * - `leaf_index`: 0-based position of the entry in the log.
 * - `inclusion_proof`: base64 32-byte hashes, leaf upwards (RFC 9162 §2.1.3.1 PATH).
 * - `checkpoint`: the signed note whose tree size and root the proof leads to.
 * - `openings` (receipts for the parties only): salt and value of each committed field of the
 *   entry (commitments.ts); absent from the public receipt.
 */
export interface ReceiptJson {
  readonly format: typeof RECEIPT_FORMAT;
  readonly leaf_index: number;
  readonly entry: string;
  readonly inclusion_proof: readonly string[];
  readonly checkpoint: string;
  readonly openings?: EntryOpenings;
}

export interface VerifiedReceipt {
  readonly leafIndex: number;
  /** The entry's canonical JSON text, as signed. */
  readonly entryText: string;
  /** The entry parsed (an object for every entry anonex writes), as signed: commitments closed. */
  readonly entry: unknown;
  /** The entry with the receipt's openings checked and applied (equal to `entry` without openings). */
  readonly openedEntry: unknown;
  /** The committed fields the receipt opened. */
  readonly openedFields: readonly string[];
  readonly checkpoint: VerifiedCheckpoint;
}

/** Builds the receipt JSON from its parts. */
export function toReceiptJson(
  leafIndex: number,
  entryText: string,
  inclusionProof: readonly Uint8Array[],
  checkpointNote: string,
): ReceiptJson {
  return {
    format: RECEIPT_FORMAT,
    leaf_index: leafIndex,
    entry: entryText,
    inclusion_proof: inclusionProof.map(encodeBase64),
    checkpoint: checkpointNote,
  };
}

/** Validates the shape of untrusted receipt JSON; every defect is `ledger_malformed_receipt`. */
export function parseReceiptJson(value: unknown): ReceiptJson {
  const malformed = (field: string, reason: string) =>
    new LedgerError('ledger_malformed_receipt', `receipt ${field}: ${reason}`, {
      issues: [{ field, reason }],
    });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed('(root)', 'not an object');
  const record = value as Record<string, unknown>;
  if (record.format !== RECEIPT_FORMAT) throw malformed('format', `want ${RECEIPT_FORMAT}`);
  if (!Number.isSafeInteger(record.leaf_index) || (record.leaf_index as number) < 0) {
    throw malformed('leaf_index', 'want an integer >= 0');
  }
  if (typeof record.entry !== 'string') throw malformed('entry', 'want the canonical JSON text');
  if (
    !Array.isArray(record.inclusion_proof) ||
    record.inclusion_proof.some((h) => typeof h !== 'string')
  ) {
    throw malformed('inclusion_proof', 'want an array of base64 strings');
  }
  if (record.inclusion_proof.length > 64)
    throw malformed('inclusion_proof', 'longer than 64 hashes');
  if (typeof record.checkpoint !== 'string')
    throw malformed('checkpoint', 'want the signed note text');
  return {
    format: RECEIPT_FORMAT,
    leaf_index: record.leaf_index as number,
    entry: record.entry,
    inclusion_proof: record.inclusion_proof as string[],
    checkpoint: record.checkpoint,
    ...(record.openings === undefined ? {} : { openings: parseEntryOpenings(record.openings) }),
  };
}

/**
 * Verifies a receipt offline, in the order sigstore-js verifies a bundle: (1) shape, (2) checkpoint
 * signature by a trusted key and origin, (3) entry hashed as an RFC 9162 leaf, (4) inclusion of that
 * leaf at `leaf_index` under the checkpoint's root, (5) each opening against its commitment in the
 * entry. Time comes from the signed entry, never a clock.
 */
export function verifyReceipt(
  value: unknown,
  trusted: readonly NoteVerifier[],
  hasher: LogHasher,
  expectedOrigin?: string,
): VerifiedReceipt {
  const receipt = parseReceiptJson(value);
  const checkpoint = openCheckpoint(receipt.checkpoint, trusted, expectedOrigin);
  const proof = receipt.inclusion_proof.map((text, position) => {
    const hash = decodeBase64Strict(text);
    if (hash === undefined) {
      throw new LedgerError(
        'ledger_malformed_receipt',
        `receipt inclusion_proof[${position}] is not base64`,
      );
    }
    return hash;
  });
  const leafHash = hasher.hashLeaf(Buffer.from(receipt.entry, 'utf8'));
  verifyInclusion(
    hasher,
    receipt.leaf_index,
    checkpoint.checkpoint.treeSize,
    leafHash,
    proof,
    checkpoint.checkpoint.rootHash,
  );
  let entry: unknown;
  try {
    entry = JSON.parse(receipt.entry);
  } catch {
    throw new LedgerError('ledger_malformed_receipt', 'receipt entry is not JSON');
  }
  const openings = receipt.openings ?? {};
  const openedFields = Object.keys(openings);
  let openedEntry = entry;
  if (openedFields.length > 0) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new LedgerError(
        'ledger_opening_mismatch',
        'openings given for an entry that is not an object',
      );
    openedEntry = openEntry(entry as Record<string, unknown>, openings);
  }
  return {
    leafIndex: receipt.leaf_index,
    entryText: receipt.entry,
    entry,
    openedEntry,
    openedFields,
    checkpoint,
  };
}
