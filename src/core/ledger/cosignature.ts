// C2SP tlog-cosignature (Ed25519, cosignature/v1): a witness's statement that, as of its timestamp,
// the checkpoint is the largest consistent tree head it has seen for the origin. A cosignature is
// one more signed-note line on the checkpoint, so notes that carry cosignatures still verify
// against the exchange key alone (unknown keys are ignored), and receipts and exports carry them.
//
//   key id    = SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]
//   message   = "cosignature/v1\n" ‖ "time " ‖ decimal seconds ‖ "\n" ‖ checkpoint text
//   signature = u64 big-endian timestamp ‖ Ed25519(message)
//   vkey      = name "+" hex(key id) "+" base64(0x04 ‖ public key)      (C2SP signed-note)
import { createHash } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { LedgerError } from './errors.js';
import { equalBytes } from './hasher.js';
import {
  hexKeyId,
  NOTE_KEY_ID_BYTES,
  parseSignedNote,
  type Ed25519Verify,
  type SignedNote,
} from './signed-note.js';

/** The signature type byte of Ed25519 cosignature/v1 keys (C2SP tlog-cosignature). */
export const COSIGNATURE_V1_ALGORITHM = 0x04;
const TIMESTAMP_BYTES = 8;
const ED25519_SIGNATURE_BYTES = 64;
const SIGNATURE_PREFIX = '\u2014 ';

/** A witness as verifiers know it: its name, key id and Ed25519 public key. */
export interface WitnessVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs as a witness; the CLI implements it with node:crypto over the witness's private key. */
export interface WitnessSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** One valid cosignature on a checkpoint. */
export interface VerifiedCosignature {
  readonly witness: WitnessVerifier;
  /** POSIX seconds the witness signed at. */
  readonly timestampSeconds: number;
}

const malformed = (reason: string, details: Record<string, unknown> = {}) =>
  new LedgerError('ledger_malformed_cosignature', reason, { details });

export function cosignatureKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  const digest = createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Uint8Array.of(COSIGNATURE_V1_ALGORITHM))
    .update(publicKey)
    .digest();
  return new Uint8Array(digest.subarray(0, NOTE_KEY_ID_BYTES));
}

/** The bytes a cosignature/v1 signs over `checkpointText` (the note text, ending in a newline). */
export function cosignatureMessage(checkpointText: string, timestampSeconds: number): Uint8Array {
  return Buffer.from(`cosignature/v1\ntime ${timestampSeconds}\n${checkpointText}`, 'utf8');
}

function requireWitnessName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name))
    throw malformed(`witness name ${JSON.stringify(name)} is empty or has spaces or '+'`);
}

/** A verifier of one witness's cosignatures, from its name and 32-byte Ed25519 key. */
export function witnessVerifier(
  name: string,
  publicKey: Uint8Array,
  verify: Ed25519Verify,
): WitnessVerifier {
  requireWitnessName(name);
  if (publicKey.length !== 32) throw malformed(`witness key is ${publicKey.length} bytes, want 32`);
  return Object.freeze({
    name,
    keyId: cosignatureKeyId(name, publicKey),
    publicKey,
    verify: (message: Uint8Array, signature: Uint8Array) =>
      signature.length === ED25519_SIGNATURE_BYTES && verify(publicKey, message, signature),
  });
}

/** The vkey of a witness key (what a verifier is configured with: `--witness <vkey>`). */
export function formatWitnessVkey(name: string, publicKey: Uint8Array): string {
  requireWitnessName(name);
  const key = Buffer.concat([Uint8Array.of(COSIGNATURE_V1_ALGORITHM), publicKey]);
  return `${name}+${hexKeyId(cosignatureKeyId(name, publicKey))}+${encodeBase64(key)}`;
}

/** Parses a witness vkey; a wrong type byte, length or key id is `ledger_malformed_cosignature`. */
export function parseWitnessVkey(vkey: string, verify: Ed25519Verify): WitnessVerifier {
  // The base64 key may itself hold '+': split on the first two only.
  const parts = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(vkey.trim());
  if (parts === null)
    throw malformed(`vkey ${JSON.stringify(vkey)}: want <name>+<hex key id>+<base64 key>`);
  const [, name, keyIdHex, keyText] = parts;
  const key = decodeBase64Strict(keyText);
  if (key === undefined || key.length !== 33 || key[0] !== COSIGNATURE_V1_ALGORITHM)
    throw malformed(`vkey of ${name}: want base64 of 0x04 and a 32-byte Ed25519 key`);
  const verifier = witnessVerifier(name, key.subarray(1), verify);
  if (hexKeyId(verifier.keyId) !== keyIdHex)
    throw malformed(`vkey of ${name}: key id ${keyIdHex} does not match its key`);
  return verifier;
}

/** Cosigns a checkpoint: the signature line a witness returns (ending in a newline). */
export function cosignCheckpoint(
  checkpointText: string,
  signer: WitnessSigner,
  timestampSeconds: number,
): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw malformed(`timestamp ${timestampSeconds} is not a POSIX time in seconds`);
  const timestamp = Buffer.alloc(TIMESTAMP_BYTES);
  timestamp.writeBigUInt64BE(BigInt(timestampSeconds));
  const signature = signer.sign(cosignatureMessage(checkpointText, timestampSeconds));
  const blob = Buffer.concat([signer.keyId, timestamp, signature]);
  return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(blob)}\n`;
}

/**
 * The cosignatures on `note` by any of `witnesses`, each witness once. Lines of other keys (the
 * exchange's, unknown witnesses') are ignored; a line that claims a listed witness's key and does
 * not verify is an attack or a corruption: `ledger_bad_signature`.
 */
export function verifyCosignatures(
  note: SignedNote,
  witnesses: readonly WitnessVerifier[],
): VerifiedCosignature[] {
  const found: VerifiedCosignature[] = [];
  for (const line of note.signatures) {
    const witness = witnesses.find(
      (candidate) => candidate.name === line.name && equalBytes(candidate.keyId, line.keyId),
    );
    if (witness === undefined || found.some((f) => f.witness === witness)) continue;
    const bytes = Buffer.from(line.signature);
    const valid =
      bytes.length === TIMESTAMP_BYTES + ED25519_SIGNATURE_BYTES &&
      bytes.readBigUInt64BE(0) <= BigInt(Number.MAX_SAFE_INTEGER);
    const timestampSeconds = valid ? Number(bytes.readBigUInt64BE(0)) : 0;
    if (
      !valid ||
      !witness.verify(
        cosignatureMessage(note.text, timestampSeconds),
        bytes.subarray(TIMESTAMP_BYTES),
      )
    ) {
      throw new LedgerError(
        'ledger_bad_signature',
        `cosignature by witness ${witness.name} (key ${hexKeyId(witness.keyId)}) does not verify`,
        { details: { keyName: witness.name, keyId: hexKeyId(witness.keyId) } },
      );
    }
    found.push({ witness, timestampSeconds });
  }
  return found;
}

/**
 * Checks that the checkpoint note carries valid cosignatures of at least `minWitnesses` of
 * `witnesses`; throws `ledger_insufficient_cosignatures` naming the witnesses whose cosignature
 * is missing. Returns the cosignatures found.
 */
export function requireCosignatures(
  noteText: string | SignedNote,
  witnesses: readonly WitnessVerifier[],
  minWitnesses: number,
  what = 'the checkpoint',
): VerifiedCosignature[] {
  if (!Number.isSafeInteger(minWitnesses) || minWitnesses < 0 || minWitnesses > witnesses.length)
    throw malformed(
      `--min-witnesses ${minWitnesses}: want 0..${witnesses.length} (the number of --witness keys)`,
    );
  const note = typeof noteText === 'string' ? parseSignedNote(noteText) : noteText;
  const found = verifyCosignatures(note, witnesses);
  if (found.length < minWitnesses) {
    const missing = witnesses
      .filter((witness) => !found.some((f) => f.witness === witness))
      .map((witness) => witness.name);
    throw new LedgerError(
      'ledger_insufficient_cosignatures',
      `${what} carries ${found.length} of the ${minWitnesses} witness cosignatures required; missing: ${missing.join(', ')}`,
      {
        details: {
          required: minWitnesses,
          found: found.map((f) => f.witness.name),
          missing,
        },
      },
    );
  }
  return found;
}

/** The cosignature lines of a witness's add-checkpoint answer that verify on `checkpointText`. */
export function acceptCosignatureLines(
  checkpointText: string,
  responseBody: string,
  witness: WitnessVerifier,
): string[] {
  const lines = responseBody.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0 || lines.some((line) => !line.startsWith(SIGNATURE_PREFIX)))
    throw malformed('the witness answered something other than signature lines');
  // Parse the lines as signatures of the checkpoint itself, then keep the witness's valid ones.
  const note = parseSignedNote(`${checkpointText}\n${lines.join('\n')}\n`);
  if (verifyCosignatures(note, [witness]).length === 0)
    throw malformed(`the answer holds no cosignature of ${witness.name}`);
  return lines.filter((line) => {
    const [name, blob] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    const keyId = decodeBase64Strict(blob ?? '')?.subarray(0, NOTE_KEY_ID_BYTES);
    return name === witness.name && keyId !== undefined && equalBytes(keyId, witness.keyId);
  });
}

/** Adds signature lines to a signed note, skipping any it already has. */
export function addSignatureLines(noteText: string, lines: readonly string[]): string {
  const present = new Set(noteText.split('\n'));
  const added = lines.map((line) => line.replace(/\n$/, '')).filter((line) => !present.has(line));
  return added.length === 0 ? noteText : `${noteText}${added.map((line) => `${line}\n`).join('')}`;
}
