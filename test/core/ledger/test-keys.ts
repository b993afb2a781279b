// Deterministic Ed25519 note signers and verifiers for the ledger core tests (node:crypto).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import {
  cosignatureKeyId,
  formatWitnessVkey,
  witnessVerifier,
  type WitnessSigner,
  type WitnessVerifier,
  ed25519NoteKeyId,
  ed25519NoteVerifier,
  type Ed25519Verify,
  type NoteSigner,
  type NoteVerifier,
} from '../../../src/core/ledger/index.js';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const verifyEd25519: Ed25519Verify = (publicKey, message, signature) =>
  verify(
    null,
    message,
    createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    }),
    signature,
  );

export interface TestKey {
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
  readonly publicKey: Uint8Array;
}

/** A key whose 32-byte seed is `seedByte` repeated: the same key in every run. */
export function testKey(name: string, seedByte: number): TestKey {
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.alloc(32, seedByte)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = new Uint8Array(
    createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12),
  );
  return {
    publicKey,
    signer: {
      name,
      keyId: ed25519NoteKeyId(name, publicKey),
      sign: (message) => sign(null, message, privateKey),
    },
    verifier: ed25519NoteVerifier(name, publicKey, verifyEd25519),
  };
}

export interface TestWitness {
  readonly signer: WitnessSigner;
  readonly verifier: WitnessVerifier;
  readonly vkey: string;
}

/** A witness key (cosignature/v1, key id type 0x04) from a fixed seed, like testKey. */
export function testWitness(name: string, seedByte: number): TestWitness {
  const key = testKey(name, seedByte);
  return {
    signer: { name, keyId: cosignatureKeyId(name, key.publicKey), sign: key.signer.sign },
    verifier: witnessVerifier(name, key.publicKey, verifyEd25519),
    vkey: formatWitnessVkey(name, key.publicKey),
  };
}
