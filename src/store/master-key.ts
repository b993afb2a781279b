// The master key that encrypts raw blobs at rest (seed Art. 49–50): from ANONEX_MASTER_KEY, or a
// key generated once into DATA_DIR/master.key readable by the owner only.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.js';

const KEY_BYTES = 32;

/**
 * Parses a 32-byte key written as 64 hex digits or as base64/base64url; throws
 * `master_key_invalid` otherwise (never echoing the value).
 */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new StoreError(
    'master_key_invalid',
    'master key must be 32 bytes as 64 hex digits or base64',
    {
      details: { lengthChars: trimmed.length },
    },
  );
}

/**
 * Returns the configured key, or reads DATA_DIR/master.key, generating it (mode 0600) on first
 * use. Losing this file makes every raw blob unreadable: back it up with the data directory.
 */
export function loadMasterKey(options: { masterKey: string | undefined; dataDir: string }): Buffer {
  if (options.masterKey !== undefined) return parseMasterKey(options.masterKey);
  const path = join(options.dataDir, 'master.key');
  try {
    return parseMasterKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // 'wx' fails if another process created the file in between; then read theirs.
  try {
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return parseMasterKey(readFileSync(path, 'utf8'));
    throw error;
  }
  chmodSync(path, 0o600);
  return key;
}
