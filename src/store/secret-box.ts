// Secrets the database must hold (webhook signing secrets, per-trade fingerprint keys) sealed under a
// key derived from the master key, so a copy of the database file alone reveals none of them.
//
//   sealed = "sealed:v1:" ‖ base64url(iv (12 bytes) ‖ AES-256-GCM ciphertext ‖ tag (16 bytes))
//   key    = HKDF-SHA256(masterKey, salt "", info "anonex database secret v1", 32 bytes)
//   AAD    = UTF-8 of the binding, e.g. "trades.fingerprint_key:trd_…"
//
// The binding ties a sealed value to its row: copied into another row (another trade, another
// subscription) it no longer opens, so whoever can write the database but lacks the master key can
// neither read a secret nor move one to where it would be used.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';

/** What every sealed value starts with (sealed-secrets.ts finds plaintext left by older versions by it). */
export const SEALED_PREFIX = 'sealed:v1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  private readonly key: Buffer;

  /** Requires the 32-byte master key (store/master-key.ts). */
  constructor(masterKey: Uint8Array) {
    this.key = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'anonex database secret v1', 32),
    );
  }

  /** True for a value written by `seal` (whatever its key); a plaintext left by an older version is not. */
  static isSealed(stored: string): boolean {
    return stored.startsWith(SEALED_PREFIX);
  }

  /** Seals `secret` for the row named by `binding`; a fresh IV each call, so equal secrets differ. */
  seal(secret: string, binding: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /**
   * The secret sealed for `binding`. A plaintext value, another binding, another master key or an
   * edited value is `secret_unreadable` (the message names the binding, never a value).
   */
  open(stored: string, binding: string): string {
    const unreadable = (reason: string) =>
      new StoreError('secret_unreadable', `the secret of ${binding} ${reason}`, {
        details: { binding },
      });
    if (!SecretBox.isSealed(stored)) throw unreadable('is not sealed');
    const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw unreadable('is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw unreadable('does not open under this master key (edited, moved or another key)');
    }
  }
}
