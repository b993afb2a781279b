// Salted commitments to the commercial fields of a ledger entry (issue 16, item 13): the public log
// carries a hash of each field; the parties hold the openings (salt and value) in their receipts.
//
//   commitment(name, value, salt) = hex SHA-256("anonex-commitment/1\n" ‖ name ‖ "\n" ‖ salt ‖ JCS(value))
//
// The 32-byte random salt hides values from guessing (a price or an organization id has few
// candidates; an unsalted hash of one would be read back by trying them all); the field name binds
// a commitment to its field, so an opening of `purpose` cannot pass for `price_fen`; JCS (RFC 8785)
// gives each value exactly one byte form. The entry carries them as `"commitments": {name: hex}`.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { LedgerError } from './errors.js';

export const COMMITMENT_DOMAIN = 'anonex-commitment/1\n';
/** The entry field holding the commitments, by field name. */
export const COMMITMENTS_FIELD = 'commitments';
export const COMMITMENT_SALT_BYTES = 32;

/** What opens one commitment: the salt (base64, 32 bytes) and the value committed to. */
export interface FieldOpening {
  readonly salt: string;
  readonly value: unknown;
}

/** The openings of an entry's commitments, by field name. */
export type EntryOpenings = Readonly<Record<string, FieldOpening>>;

/** Hex SHA-256 commitment of `value` as field `name` under `salt` (see the formula above). */
export function commitmentOf(name: string, value: unknown, salt: Uint8Array): string {
  return createHash('sha256')
    .update(COMMITMENT_DOMAIN, 'utf8')
    .update(`${name}\n`, 'utf8')
    .update(salt)
    .update(canonicalJson(value), 'utf8')
    .digest('hex');
}

/**
 * Splits `fields` into the entry the log will hold (the fields not in `committed`, plus
 * `commitments`) and the openings of the committed ones. Fields absent from `fields` are not
 * committed. `saltFor` gives each field its salt: random in the services, fixed in tests.
 */
export function commitFields(
  fields: Readonly<Record<string, unknown>>,
  committed: readonly string[],
  saltFor: (name: string) => Uint8Array,
): { entry: Record<string, unknown>; openings: EntryOpenings } {
  const entry: Record<string, unknown> = {};
  const commitments: Record<string, string> = {};
  const openings: Record<string, FieldOpening> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!committed.includes(name)) {
      entry[name] = value;
      continue;
    }
    const salt = saltFor(name);
    commitments[name] = commitmentOf(name, value, salt);
    openings[name] = { salt: encodeBase64(salt), value };
  }
  if (Object.keys(commitments).length > 0) entry[COMMITMENTS_FIELD] = commitments;
  return { entry, openings };
}

/** Validates the shape of untrusted openings; every defect is `ledger_malformed_opening`. */
export function parseEntryOpenings(value: unknown): EntryOpenings {
  const malformed = (field: string, reason: string) =>
    new LedgerError('ledger_malformed_opening', `opening ${field}: ${reason}`, {
      issues: [{ field, reason }],
    });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed('(root)', 'want an object of {salt, value} by field name');
  const openings: Record<string, FieldOpening> = {};
  for (const [name, opening] of Object.entries(value as Record<string, unknown>)) {
    if (typeof opening !== 'object' || opening === null || !('value' in opening))
      throw malformed(name, 'want {salt, value}');
    const salt = (opening as { salt?: unknown }).salt;
    const bytes = typeof salt === 'string' ? decodeBase64Strict(salt) : undefined;
    if (bytes === undefined || bytes.length !== COMMITMENT_SALT_BYTES)
      throw malformed(name, `salt must be base64 of ${COMMITMENT_SALT_BYTES} bytes`);
    openings[name] = { salt: salt as string, value: (opening as { value: unknown }).value };
  }
  return openings;
}

/**
 * The entry with its commitments opened: each committed field replaced by its value, after checking
 * that the opening hashes to the commitment. Requires every opening to name a commitment of the
 * entry; commitments without an opening stay committed (a party may hold only some). Throws
 * `ledger_opening_mismatch` naming the field, or `ledger_malformed_opening`.
 */
export function openEntry(
  entry: Readonly<Record<string, unknown>>,
  openings: unknown,
): Record<string, unknown> {
  const parsed = parseEntryOpenings(openings);
  const commitments = committedFields(entry);
  const opened: Record<string, unknown> = { ...entry };
  const stillCommitted: Record<string, string> = { ...commitments };
  for (const [name, opening] of Object.entries(parsed)) {
    const commitment = commitments[name];
    if (commitment === undefined) {
      throw new LedgerError(
        'ledger_opening_mismatch',
        `field ${name} is not committed in the entry`,
        {
          details: { field: name },
        },
      );
    }
    const calculated = commitmentOf(
      name,
      opening.value,
      decodeBase64Strict(opening.salt) as Uint8Array,
    );
    if (calculated !== commitment) {
      throw new LedgerError(
        'ledger_opening_mismatch',
        `the opening of ${name} hashes to ${calculated}, the entry commits to ${commitment}`,
        {
          details: {
            field: name,
            expectedCommitment: commitment,
            calculatedCommitment: calculated,
          },
        },
      );
    }
    opened[name] = opening.value;
    delete stillCommitted[name];
  }
  delete opened[COMMITMENTS_FIELD];
  if (Object.keys(stillCommitted).length > 0) opened[COMMITMENTS_FIELD] = stillCommitted;
  return opened;
}

/** The entry's commitments by field name (none for entries recorded before commitments existed). */
export function committedFields(entry: Readonly<Record<string, unknown>>): Record<string, string> {
  const commitments = entry[COMMITMENTS_FIELD];
  if (typeof commitments !== 'object' || commitments === null || Array.isArray(commitments))
    return {};
  const fields: Record<string, string> = {};
  for (const [name, commitment] of Object.entries(commitments as Record<string, unknown>))
    if (typeof commitment === 'string') fields[name] = commitment;
  return fields;
}
