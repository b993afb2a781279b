// Reversible steps for internal (pseudonymised) use only: encryption and tokenization with a kept table.
// The gate refuses both in listing mode: whoever holds the key or the table can restore the data.
import { createCipheriv } from 'node:crypto';
import type { Rng } from '../../rng.js';

/** Random bytes from the injected rng (reproducible in tests; the CLI injects crypto-random keys). */
export function rngBytes(rng: Rng, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = rng.nextInt(256);
  return bytes;
}

/**
 * AES-256-GCM (NIST SP 800-38D) of `value` with a 96-bit IV from the rng: base64 of IV ‖ ciphertext ‖ tag.
 * Requires a 32-byte key. Empty stays empty.
 */
export function encryptValue(value: string, key: Uint8Array, rng: Rng): string {
  if (value === '') return '';
  const iv = rngBytes(rng, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** A random token (`T` + 15 hex digits) for tokenization; the caller keeps the value → token table. */
export function randomToken(rng: Rng): string {
  let token = 'T';
  for (let i = 0; i < 15; i++) token += rng.nextInt(16).toString(16);
  return token;
}
