// Ed25519 through node:crypto: the exchange's note signers and the verifiers the CLI and services use.
import {
  createHash,
  createPublicKey,
  sign,
  verify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { LedgerError } from './errors.js';
import {
  cosignatureKeyId,
  parseWitnessVkey,
  type WitnessSigner,
  type WitnessVerifier,
} from './cosignature.js';
import {
  ed25519NoteKeyId,
  ed25519NoteVerifier,
  type Ed25519Verify,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note.js';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): 12 bytes, then the 32-byte key. */
export const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const verifyEd25519: Ed25519Verify = (publicKey, message, signature) => {
  try {
    return verify(null, message, publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
};

export function publicKeyFromRaw(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new LedgerError(
      'ledger_malformed_certificate',
      `key type ${key.asymmetricKeyType}, want ed25519`,
    );
  }
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(ED25519_SPKI_PREFIX.length));
}

/** Hex SHA-256 of the key's SubjectPublicKeyInfo DER. */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('hex');
}

/** A note signer over an Ed25519 private key (node:crypto signs ~10,000/s; node-forge ~100/s). */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return Object.freeze({
    name,
    keyId: ed25519NoteKeyId(name, publicKey),
    sign: (message: Uint8Array) => new Uint8Array(sign(null, message, privateKey)),
  });
}

export function noteVerifierForKey(name: string, publicKey: Uint8Array): NoteVerifier {
  return ed25519NoteVerifier(name, publicKey, verifyEd25519);
}

/** Splits a PEM bundle into its certificates (the /ledger/certificate bundle holds every key). */
export function splitPemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The common name of a certificate subject (node's `subject` is one `KEY=value` per line). */
export function commonName(certificate: X509Certificate): string | undefined {
  return certificate.subject
    .split('\n')
    .find((line) => line.startsWith('CN='))
    ?.slice(3);
}

/**
 * Note verifiers for the Ed25519 exchange certificates in a PEM bundle: key name is the subject CN
 * (the log origin), key the certificate's public key. Each certificate must be self-signed and
 * valid; other certificates in the bundle are refused.
 */
export function noteVerifiersFromCertificates(pem: string): NoteVerifier[] {
  const blocks = splitPemCertificates(pem);
  if (blocks.length === 0)
    throw new LedgerError('ledger_malformed_certificate', 'no PEM certificate found');
  return blocks.map((block, position) => {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(block);
    } catch (error) {
      throw new LedgerError(
        'ledger_malformed_certificate',
        `certificate ${position + 1} does not parse`,
        { cause: error },
      );
    }
    const name = commonName(certificate);
    if (name === undefined)
      throw new LedgerError(
        'ledger_malformed_certificate',
        `certificate ${position + 1} has no CN`,
      );
    if (!certificate.verify(certificate.publicKey)) {
      throw new LedgerError(
        'ledger_malformed_certificate',
        `certificate ${position + 1} is not self-signed by its key`,
      );
    }
    return noteVerifierForKey(name, rawPublicKey(certificate.publicKey));
  });
}

/** A witness's cosigning key (cosignature/v1) over an Ed25519 private key. */
export function ed25519WitnessSigner(name: string, privateKey: KeyObject): WitnessSigner {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return Object.freeze({
    name,
    keyId: cosignatureKeyId(name, publicKey),
    sign: (message: Uint8Array) => new Uint8Array(sign(null, message, privateKey)),
  });
}

/** A witness verifier from its vkey (`--witness`), checking with node:crypto. */
export function witnessVerifierFromVkey(vkey: string): WitnessVerifier {
  return parseWitnessVkey(vkey, verifyEd25519);
}
