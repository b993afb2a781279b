// Keyed pseudo-random streams for fingerprinting: what a listing key orders and a trade key decides,
// reproducible by whoever holds the key and unpredictable to anyone else.
import { createCipheriv, createHmac } from 'node:crypto';
import { FingerprintError } from './fingerprint-error.js';

/** Keys shorter than this are refused: a fingerprint key must not be guessable. */
export const MIN_KEY_BYTES = 16;

/** Throws `fingerprint_invalid_parameter` unless `key` has at least MIN_KEY_BYTES bytes. */
export function checkKey(key: Uint8Array, field: string): void {
  if (!(key instanceof Uint8Array) || key.length < MIN_KEY_BYTES) {
    throw new FingerprintError(
      'fingerprint_invalid_parameter',
      `${field} must be at least ${MIN_KEY_BYTES} bytes`,
      { details: { field, got: key instanceof Uint8Array ? key.length : typeof key } },
    );
  }
}

/**
 * `byteCount` bytes of the keystream for (`key`, `label`): AES-256-CTR over zeros under the
 * sub-key HMAC-SHA256(key, label), so one key serves several independent purposes (domain
 * separation by label) and a stream of a million values costs one cipher call, not a million HMACs.
 */
export function keyedBytes(key: Uint8Array, label: string, byteCount: number): Uint8Array {
  const subKey = createHmac('sha256', key).update(label).digest();
  const cipher = createCipheriv('aes-256-ctr', subKey, Buffer.alloc(16));
  const stream = cipher.update(Buffer.alloc(byteCount));
  cipher.final();
  return new Uint8Array(stream.buffer, stream.byteOffset, stream.byteLength);
}

/** `count` keyed 32-bit words (see keyedBytes). */
export function keyedWords(key: Uint8Array, label: string, count: number): Uint32Array {
  const bytes = keyedBytes(key, label, count * 4);
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++)
    words[i] =
      (bytes[4 * i] |
        (bytes[4 * i + 1] << 8) |
        (bytes[4 * i + 2] << 16) |
        (bytes[4 * i + 3] << 24)) >>>
      0;
  return words;
}

/** `count` keyed bits, one 0/1 byte each (see keyedBytes). */
export function keyedBits(key: Uint8Array, label: string, count: number): Uint8Array {
  const bytes = keyedBytes(key, label, Math.ceil(count / 8));
  const bits = new Uint8Array(count);
  for (let i = 0; i < count; i++) bits[i] = (bytes[i >>> 3] >>> (i & 7)) & 1;
  return bits;
}
