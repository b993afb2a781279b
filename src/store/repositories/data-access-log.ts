// Rows of `data_access_log`: one per query or download of traded data (seed Art. 18).
import type { Queryable } from '../db.js';

export interface DataAccessRecord {
  readonly id?: number;
  readonly entitlementId: string;
  readonly tradeId: string;
  readonly listingId: string;
  readonly providerOrganizationId: string;
  readonly buyerOrganizationId: string;
  readonly memberId: string;
  readonly purpose: string;
  readonly kind: 'query' | 'download';
  readonly format: string | null;
  readonly querySha256: string | null;
  readonly rowsDelivered: number;
  readonly requestId: string | null;
  readonly atMs: number;
}

type Row = Record<string, unknown>;

/** Appends access records in one statement (the delivery service writes them in groups). */
export async function insertDataAccesses(
  db: Queryable,
  records: readonly DataAccessRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await db('data_access_log').insert(
    records.map((record) => ({
      entitlement_id: record.entitlementId,
      trade_id: record.tradeId,
      listing_id: record.listingId,
      provider_organization_id: record.providerOrganizationId,
      buyer_organization_id: record.buyerOrganizationId,
      member_id: record.memberId,
      purpose: record.purpose,
      kind: record.kind,
      format: record.format,
      query_sha256: record.querySha256,
      rows_delivered: record.rowsDelivered,
      request_id: record.requestId,
      at_ms: record.atMs,
    })),
  );
}

/** Newest first; `beforeId` is the cursor. */
export async function listDataAccess(
  db: Queryable,
  filter: {
    providerOrganizationId?: string;
    buyerOrganizationId?: string;
    listingId?: string;
    entitlementId?: string;
  },
  page: { limit: number; beforeId?: number },
): Promise<DataAccessRecord[]> {
  const query = db('data_access_log').orderBy('id', 'desc').limit(page.limit);
  if (filter.providerOrganizationId)
    query.where('provider_organization_id', filter.providerOrganizationId);
  if (filter.buyerOrganizationId) query.where('buyer_organization_id', filter.buyerOrganizationId);
  if (filter.listingId) query.where('listing_id', filter.listingId);
  if (filter.entitlementId) query.where('entitlement_id', filter.entitlementId);
  if (page.beforeId !== undefined) query.where('id', '<', page.beforeId);
  return ((await query) as Row[]).map((row) => ({
    id: Number(row.id),
    entitlementId: String(row.entitlement_id),
    tradeId: String(row.trade_id),
    listingId: String(row.listing_id),
    providerOrganizationId: String(row.provider_organization_id),
    buyerOrganizationId: String(row.buyer_organization_id),
    memberId: String(row.member_id),
    purpose: String(row.purpose),
    kind: row.kind as 'query' | 'download',
    format: (row.format as string | null) ?? null,
    querySha256: (row.query_sha256 as string | null) ?? null,
    rowsDelivered: Number(row.rows_delivered),
    requestId: (row.request_id as string | null) ?? null,
    atMs: Number(row.at_ms),
  }));
}
