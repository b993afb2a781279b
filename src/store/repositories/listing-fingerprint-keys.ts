// Repository of each listing's in-value fingerprint key (table `listing_fingerprint_keys`), sealed.
import type { Queryable } from '../db.js';

/** The listing's sealed fingerprint key, if one was made. */
export async function findListingFingerprintKey(
  db: Queryable,
  listingId: string,
): Promise<string | undefined> {
  const row = (await db('listing_fingerprint_keys').where({ listing_id: listingId }).first()) as
    { sealed_key: string } | undefined;
  return row?.sealed_key;
}

/** Inserts the key unless the listing has one (two gateways racing keep the first). */
export async function insertListingFingerprintKeyIfAbsent(
  db: Queryable,
  listingId: string,
  sealedKey: string,
  createdAtMs: number,
): Promise<void> {
  await db('listing_fingerprint_keys')
    .insert({ listing_id: listingId, sealed_key: sealedKey, created_at_ms: createdAtMs })
    .onConflict('listing_id')
    .ignore();
}
