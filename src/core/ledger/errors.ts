// Typed errors of the ledger: every failed check names what was wrong and carries what diagnosis needs.
import { AnonexError } from '../errors.js';

export type LedgerErrorCode =
  /** A hash (leaf, node, root, proof element) is not 32 bytes. */
  | 'ledger_invalid_hash_size'
  /** A leaf index or tree size is negative, not an integer, or outside the tree. */
  | 'ledger_index_out_of_range'
  /** A consistency proof was asked from (or offered for) the empty tree (RFC 9162 §2.1.4). */
  | 'ledger_consistency_from_empty_tree'
  /** A proof has the wrong number of elements for its indices. */
  | 'ledger_invalid_proof_size'
  /** A proof or a log recomputes to a root other than the expected one; details carry both. */
  | 'ledger_root_mismatch'
  /** A signed note or checkpoint is not well-formed (C2SP signed-note, tlog-checkpoint). */
  | 'ledger_malformed_note'
  | 'ledger_malformed_checkpoint'
  /** No signature line of the note comes from a trusted key. */
  | 'ledger_untrusted_signer'
  /** A signature line claims a trusted key but the signature does not verify. */
  | 'ledger_bad_signature'
  | 'ledger_origin_mismatch'
  | 'ledger_malformed_receipt'
  | 'ledger_malformed_export'
  | 'ledger_malformed_certificate'
  /** An entry's content no longer hashes to its recorded leaf hash. */
  | 'ledger_entry_modified'
  /** An entry index is missing from the sequence (deleted entry). */
  | 'ledger_entry_missing'
  /** An entry index repeats or comes earlier than expected (inserted or reordered entries). */
  | 'ledger_entry_out_of_order'
  /** The entries of a stretch of the log do not produce the root its checkpoint signs. */
  | 'ledger_entries_mismatch_checkpoint'
  /** Two validly signed checkpoints that cannot both describe one append-only log. */
  | 'ledger_fork'
  /** The log ends before a signed checkpoint's tree size. */
  | 'ledger_truncated'
  /** Entries follow the last checkpoint that no signature covers. */
  | 'ledger_unsigned_entries'
  | 'ledger_no_checkpoint'
  /** An opening (salt and value) does not hash to the entry's commitment of that field. */
  | 'ledger_opening_mismatch'
  | 'ledger_malformed_opening'
  /** The business tables disagree with the ledger (`anonex ledger audit`, reconciliation.ts). */
  | 'ledger_reconciliation_differences'
  /** A checkpoint carries fewer valid cosignatures of the required witnesses than asked. */
  | 'ledger_insufficient_cosignatures'
  /** A witness key, cosignature or add-checkpoint request is not well-formed (C2SP tlog-witness). */
  | 'ledger_malformed_cosignature'
  /** The witness last cosigned another tree size than the request's `old` size (C2SP: 409). */
  | 'ledger_witness_size_conflict'
  /** Two checkpoints of one origin that no append-only log can both have produced. */
  | 'ledger_split_view'
  /** Split-view evidence that is not well-formed or does not prove what it claims. */
  | 'ledger_malformed_evidence';

/** Every ledger error code, for the HTTP problem catalogue (src/edge/error-codes.ts). */
export const LEDGER_ERROR_CODES = [
  'ledger_invalid_hash_size',
  'ledger_index_out_of_range',
  'ledger_consistency_from_empty_tree',
  'ledger_invalid_proof_size',
  'ledger_root_mismatch',
  'ledger_malformed_note',
  'ledger_malformed_checkpoint',
  'ledger_untrusted_signer',
  'ledger_bad_signature',
  'ledger_origin_mismatch',
  'ledger_malformed_receipt',
  'ledger_malformed_export',
  'ledger_malformed_certificate',
  'ledger_entry_modified',
  'ledger_entry_missing',
  'ledger_entry_out_of_order',
  'ledger_entries_mismatch_checkpoint',
  'ledger_fork',
  'ledger_truncated',
  'ledger_unsigned_entries',
  'ledger_no_checkpoint',
  'ledger_opening_mismatch',
  'ledger_malformed_opening',
  'ledger_reconciliation_differences',
  'ledger_insufficient_cosignatures',
  'ledger_malformed_cosignature',
  'ledger_witness_size_conflict',
  'ledger_split_view',
  'ledger_malformed_evidence',
] as const;

// The union above is documented code by code; the array lists the same codes for run time.
const ledgerCodesMatch: [
  Exclude<LedgerErrorCode, (typeof LEDGER_ERROR_CODES)[number]>,
  Exclude<(typeof LEDGER_ERROR_CODES)[number], LedgerErrorCode>,
] extends [never, never]
  ? true
  : false = true;
void ledgerCodesMatch;

export class LedgerError extends AnonexError<LedgerErrorCode> {
  readonly area = 'ledger';
}

/** Lowercase hex of bytes, for error details and logs. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The typed mismatch of transparency-dev's proof.RootMismatchError: both roots in the details. */
export function rootMismatch(
  expectedRoot: Uint8Array,
  calculatedRoot: Uint8Array,
  context: Record<string, unknown> = {},
): LedgerError {
  const expected = toHex(expectedRoot);
  const calculated = toHex(calculatedRoot);
  return new LedgerError(
    'ledger_root_mismatch',
    `calculated root ${calculated}, want ${expected}`,
    { details: { ...context, expectedRoot: expected, calculatedRoot: calculated } },
  );
}
