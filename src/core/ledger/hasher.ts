// RFC 9162 §2.1.1 Merkle tree hashing behind a small interface, so verifiers take the hasher as input.
import { createHash } from 'node:crypto';
import { LedgerError } from './errors.js';

/** Domain separation prefixes of RFC 9162 §2.1.1: a leaf hash can never equal a node hash. */
export const LEAF_HASH_PREFIX = 0x00;
export const NODE_HASH_PREFIX = 0x01;
export const HASH_SIZE_BYTES = 32;

/** The hashing of a Merkle log (after transparency-dev/merkle's LogHasher). */
export interface LogHasher {
  /** Size of every hash this hasher produces. */
  readonly sizeBytes: number;
  /** MTH({}) = HASH(): the root of the empty tree. */
  emptyRoot(): Uint8Array;
  /** MTH({d}) = HASH(0x00 ‖ d). */
  hashLeaf(leaf: Uint8Array): Uint8Array;
  /** HASH(0x01 ‖ left ‖ right). */
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const LEAF_PREFIX_BYTES = Uint8Array.of(LEAF_HASH_PREFIX);
const NODE_PREFIX_BYTES = Uint8Array.of(NODE_HASH_PREFIX);

/** SHA-256 with the RFC 9162 prefixes: the hasher of every anonex ledger. */
export const rfc9162Hasher: LogHasher = Object.freeze({
  sizeBytes: HASH_SIZE_BYTES,
  emptyRoot: () => createHash('sha256').digest(),
  hashLeaf: (leaf: Uint8Array) =>
    createHash('sha256').update(LEAF_PREFIX_BYTES).update(leaf).digest(),
  hashChildren: (left: Uint8Array, right: Uint8Array) =>
    createHash('sha256').update(NODE_PREFIX_BYTES).update(left).update(right).digest(),
});

/** Throws `ledger_invalid_hash_size` unless `hash` has the hasher's size; `what` names it. */
export function requireHashSize(hash: Uint8Array, what: string, sizeBytes = HASH_SIZE_BYTES): void {
  if (!(hash instanceof Uint8Array) || hash.length !== sizeBytes) {
    throw new LedgerError(
      'ledger_invalid_hash_size',
      `${what} is ${hash instanceof Uint8Array ? hash.length : 'not a byte array of'} bytes, want ${sizeBytes}`,
      { details: { what, sizeBytes: hash instanceof Uint8Array ? hash.length : null } },
    );
  }
}

/** Constant-length byte comparison (timing does not matter for public hashes; equality does). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
