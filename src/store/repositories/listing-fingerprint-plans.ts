// Repository of each listing's in-value fingerprint plan (table `listing_fingerprint_plans`).
import type { Queryable } from '../db.js';

export interface ListingFingerprintPlanRecord {
  readonly listingId: string;
  readonly artifactSha256: string;
  readonly scheme: string;
  readonly state: 'planned' | 'unmarked';
  readonly reason: string | null;
  readonly digest: string | null;
  readonly rowCount: number;
  readonly slots: number;
  readonly summaryJson: string | null;
  /** The pairs, sealed (sealed-secrets.ts listingFingerprintPlanBinding). */
  readonly sealedPairs: string | null;
  readonly createdAtMs: number;
}

interface PlanRow {
  listing_id: string;
  artifact_sha256: string;
  scheme: string;
  state: string;
  reason: string | null;
  digest: string | null;
  row_count: number | string;
  slots: number | string;
  summary_json: string | null;
  sealed_pairs: string | null;
  created_at_ms: number | string;
}

/** The listing's stored plan (or its `unmarked` outcome), if one was made. */
export async function findListingFingerprintPlan(
  db: Queryable,
  listingId: string,
): Promise<ListingFingerprintPlanRecord | undefined> {
  const row = (await db('listing_fingerprint_plans').where({ listing_id: listingId }).first()) as
    PlanRow | undefined;
  if (row === undefined) return undefined;
  return {
    listingId: row.listing_id,
    artifactSha256: row.artifact_sha256,
    scheme: row.scheme,
    state: row.state === 'planned' ? 'planned' : 'unmarked',
    reason: row.reason,
    digest: row.digest,
    rowCount: Number(row.row_count),
    slots: Number(row.slots),
    summaryJson: row.summary_json,
    sealedPairs: row.sealed_pairs,
    createdAtMs: Number(row.created_at_ms),
  };
}

/** Inserts the plan unless the listing has one (two gateways racing keep the first). */
export async function insertListingFingerprintPlanIfAbsent(
  db: Queryable,
  record: ListingFingerprintPlanRecord,
): Promise<void> {
  await db('listing_fingerprint_plans')
    .insert({
      listing_id: record.listingId,
      artifact_sha256: record.artifactSha256,
      scheme: record.scheme,
      state: record.state,
      reason: record.reason,
      digest: record.digest,
      row_count: record.rowCount,
      slots: record.slots,
      summary_json: record.summaryJson,
      sealed_pairs: record.sealedPairs,
      created_at_ms: record.createdAtMs,
    })
    .onConflict('listing_id')
    .ignore();
}
