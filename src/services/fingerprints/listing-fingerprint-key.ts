// Each listing's in-value fingerprint key (docs/fingerprinting.md §2): 32 random bytes made on
// first use, sealed under the master key, the same on every gateway. The plan of a listing's
// withheld-row pairs follows from it and the release; each trade's copy from the plan and its key.
import { randomBytes } from 'node:crypto';
import {
  findListingFingerprintKey,
  insertListingFingerprintKeyIfAbsent,
} from '../../store/repositories/listing-fingerprint-keys.js';
import { listingFingerprintKeyBinding } from '../../store/sealed-secrets.js';
import type { ServiceDeps } from '../deps.js';

const KEY_BYTES = 32;

/** The listing's key, made and stored (sealed) the first time it is asked for. */
export async function listingFingerprintKey(
  deps: Pick<ServiceDeps, 'db' | 'secrets' | 'clock'>,
  listingId: string,
): Promise<Buffer> {
  const binding = listingFingerprintKeyBinding(listingId);
  let sealed = await findListingFingerprintKey(deps.db, listingId);
  if (sealed === undefined) {
    const fresh = deps.secrets.seal(randomBytes(KEY_BYTES).toString('hex'), binding);
    await insertListingFingerprintKeyIfAbsent(deps.db, listingId, fresh, deps.clock.nowMs());
    // Read back: another gateway may have stored its key first; every gateway uses that one.
    sealed = (await findListingFingerprintKey(deps.db, listingId)) as string;
  }
  return Buffer.from(deps.secrets.open(sealed, binding), 'hex');
}
