// Detects a master key that differs from the one a store's raw blobs are under (two gateways of
// one deployment configured with different ANONEX_MASTER_KEY values, or a lost DATA_DIR/master.key):
// without this, every raw blob would look missing (their names are keyed) or fail to decrypt.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { MASTER_KEY_CHECK_NAME } from './blob-names.js';
import { StoreError } from './errors.js';
import type { ObjectBackend } from './object-backend.js';

const LABEL = 'anonex master key check v1';

/**
 * The check value of a key: an HMAC under a key derived from it, so the stored object reveals
 * nothing about the key but a 256-bit fingerprint.
 */
export function masterKeyCheckValue(masterKey: Buffer): Buffer {
  const checkKey = Buffer.from(hkdfSync('sha256', masterKey, '', LABEL, 32));
  return createHmac('sha256', checkKey).update(LABEL).digest();
}

function encode(value: Buffer): Buffer {
  return Buffer.from(`${LABEL}\n${value.toString('hex')}\n`, 'utf8');
}

async function readCheck(backend: ObjectBackend): Promise<Buffer | undefined> {
  const stream = await backend.read(MASTER_KEY_CHECK_NAME);
  if (stream === undefined) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/**
 * Records the key's check value in the store on first use, and otherwise compares: throws
 * `master_key_mismatch` (naming ANONEX_MASTER_KEY, never a key) when the store was keyed by another.
 */
export async function verifyMasterKeyMatchesStore(
  backend: ObjectBackend,
  masterKey: Buffer,
): Promise<void> {
  const want = encode(masterKeyCheckValue(masterKey));
  let stored = await readCheck(backend);
  if (stored === undefined) {
    const staged = await backend.stage(
      (async function* () {
        yield want;
      })(),
    );
    await staged.publish(MASTER_KEY_CHECK_NAME);
    // Read back: a gateway that started at the same moment with another key may have won the race.
    stored = await readCheck(backend);
  }
  if (stored === undefined || stored.length !== want.length || !timingSafeEqual(stored, want)) {
    throw new StoreError(
      'master_key_mismatch',
      `the master key differs from the one the raw blobs in ${backend.where} are encrypted under: ` +
        'every gateway of a deployment must have the same ANONEX_MASTER_KEY',
      { details: { store: backend.where, variable: 'ANONEX_MASTER_KEY' } },
    );
  }
}
