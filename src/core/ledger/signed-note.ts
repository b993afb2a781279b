// C2SP signed-note: a text, a blank line, and signature lines `— <name> <base64(keyid ‖ signature)>`.
import { createHash } from 'node:crypto';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { LedgerError } from './errors.js';
import { equalBytes } from './hasher.js';

/** Signature algorithm identifier of Ed25519 keys in the signed-note key id (C2SP signed-note). */
export const ED25519_NOTE_ALGORITHM = 0x01;
export const NOTE_KEY_ID_BYTES = 4;
const SIGNATURE_PREFIX = '\u2014 ';
/** Notes are small; a cap stops a hostile multi-megabyte "checkpoint" before we parse it. */
const MAX_NOTE_BYTES = 64 * 1024;
const MAX_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  /** The first 4 bytes of SHA-256(name ‖ "\n" ‖ algorithm ‖ public key). */
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text, ending with a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Signs note texts; the service implements it with node:crypto Ed25519. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Checks signatures of one key; the CLI and services implement it with node:crypto, browsers with Web Crypto. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** An Ed25519 signature check, injected so core stays free of key handling. */
export type Ed25519Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

/** Key id of an Ed25519 note key (C2SP signed-note: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]). */
export function ed25519NoteKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  const digest = createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Uint8Array.of(ED25519_NOTE_ALGORITHM))
    .update(publicKey)
    .digest();
  return new Uint8Array(digest.subarray(0, NOTE_KEY_ID_BYTES));
}

/** A NoteVerifier for an Ed25519 public key (32 raw bytes). */
export function ed25519NoteVerifier(
  name: string,
  publicKey: Uint8Array,
  verify: Ed25519Verify,
): NoteVerifier {
  requireKeyName(name);
  if (publicKey.length !== 32) {
    throw new LedgerError(
      'ledger_malformed_certificate',
      `Ed25519 public key is ${publicKey.length} bytes, want 32`,
    );
  }
  return Object.freeze({
    name,
    keyId: ed25519NoteKeyId(name, publicKey),
    verify: (message: Uint8Array, signature: Uint8Array) =>
      signature.length === 64 && verify(publicKey, message, signature),
  });
}

function requireKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name)) {
    throw new LedgerError(
      'ledger_malformed_note',
      `key name ${JSON.stringify(name)} is empty or has spaces or '+'`,
    );
  }
}

/** Signs `text` (which must end with a newline) with every signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n'))
    throw new LedgerError('ledger_malformed_note', 'note text must end with a newline');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    requireKeyName(signer.name);
    const signature = signer.sign(message);
    return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([signer.keyId, signature]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Parses a signed note defensively; every defect is `ledger_malformed_note`. */
export function parseSignedNote(note: string): SignedNote {
  const malformed = (reason: string) =>
    new LedgerError('ledger_malformed_note', `signed note: ${reason}`);
  if (typeof note !== 'string') throw malformed('not a string');
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES)
    throw malformed(`longer than ${MAX_NOTE_BYTES} bytes`);
  if (!note.endsWith('\n')) throw malformed('does not end with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const signatureLines = note.slice(split + 2, -1).split('\n');
  if (signatureLines.length > MAX_SIGNATURES)
    throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = signatureLines.map((line, position) => {
    if (!line.startsWith(SIGNATURE_PREFIX))
      throw malformed(`signature line ${position + 1} does not start with '— '`);
    const parts = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (parts.length !== 2 || parts[0].length === 0)
      throw malformed(`signature line ${position + 1} is not '— <name> <base64>'`);
    const blob = decodeBase64Strict(parts[1]);
    if (blob === undefined || blob.length <= NOTE_KEY_ID_BYTES)
      throw malformed(`signature line ${position + 1} has bad base64`);
    return {
      name: parts[0],
      keyId: blob.subarray(0, NOTE_KEY_ID_BYTES),
      signature: blob.subarray(NOTE_KEY_ID_BYTES),
    };
  });
  if (signatures.length === 0) throw malformed('no signature lines');
  return { text, signatures };
}

/**
 * The verifiers (from `trusted`) whose signatures on `note` verify. Signatures by unknown keys are
 * ignored (C2SP signed-note); a signature that claims a trusted key and fails is an attack or a
 * corruption: `ledger_bad_signature`. None trusted at all: `ledger_untrusted_signer`.
 */
export function verifyNoteSignatures(
  note: SignedNote,
  trusted: readonly NoteVerifier[],
): NoteVerifier[] {
  const message = Buffer.from(note.text, 'utf8');
  const verifiedBy: NoteVerifier[] = [];
  for (const signature of note.signatures) {
    const verifier = trusted.find(
      (candidate) =>
        candidate.name === signature.name && equalBytes(candidate.keyId, signature.keyId),
    );
    if (verifier === undefined) continue;
    if (!verifier.verify(message, signature.signature)) {
      throw new LedgerError(
        'ledger_bad_signature',
        `signature by ${signature.name} (key ${hexKeyId(signature.keyId)}) does not verify`,
        {
          details: { keyName: signature.name, keyId: hexKeyId(signature.keyId) },
        },
      );
    }
    if (!verifiedBy.includes(verifier)) verifiedBy.push(verifier);
  }
  if (verifiedBy.length === 0) {
    const signers = note.signatures.map((s) => `${s.name}/${hexKeyId(s.keyId)}`);
    throw new LedgerError(
      'ledger_untrusted_signer',
      `signed by ${signers.join(', ')}, none of them a trusted key`,
      {
        details: { signers },
      },
    );
  }
  return verifiedBy;
}

export function hexKeyId(keyId: Uint8Array): string {
  return Buffer.from(keyId).toString('hex');
}
