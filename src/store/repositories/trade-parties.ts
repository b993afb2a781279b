// The parties columns every buyer-workflow row carries (access requests, trades, entitlements): the
// listing and revision traded, the provider organization and the buying organization and member;
// their row mapping, the filter each side lists by, and the id-cursor page.
import type { Knex } from 'knex';

export type Row = Record<string, unknown>;

export interface TradeParties {
  readonly listingId: string;
  readonly listingRevision: number;
  readonly providerOrganizationId: string;
  readonly buyerOrganizationId: string;
  readonly buyerMemberId: string;
}

export function toTradeParties(row: Row): TradeParties {
  return {
    listingId: String(row.listing_id),
    listingRevision: Number(row.listing_revision),
    providerOrganizationId: String(row.provider_organization_id),
    buyerOrganizationId: String(row.buyer_organization_id),
    buyerMemberId: String(row.buyer_member_id),
  };
}

export function fromTradeParties(parties: TradeParties): Row {
  return {
    listing_id: parties.listingId,
    listing_revision: parties.listingRevision,
    provider_organization_id: parties.providerOrganizationId,
    buyer_organization_id: parties.buyerOrganizationId,
    buyer_member_id: parties.buyerMemberId,
  };
}

/** A nullable numeric column (bigint columns come back from PostgreSQL as strings). */
export function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function optionalString(value: unknown): string | null {
  return (value as string | null | undefined) ?? null;
}

/** Each side sees its own rows: a buyer organization, a provider organization, one listing. */
export interface TradePartiesFilter {
  readonly buyerOrganizationId?: string;
  readonly providerOrganizationId?: string;
  readonly listingId?: string;
}

export interface IdPage {
  readonly limit: number;
  /** The last id of the previous page. */
  readonly afterId?: string;
}

/** Rows of `table` ordered by id, one page after `page.afterId`, narrowed to `filter`'s parties. */
export function selectTradePartiesPage(
  db: Knex | Knex.Transaction,
  table: string,
  filter: TradePartiesFilter,
  page: IdPage,
): Knex.QueryBuilder {
  const query = db(table).orderBy('id').limit(page.limit);
  if (filter.buyerOrganizationId) query.where('buyer_organization_id', filter.buyerOrganizationId);
  if (filter.providerOrganizationId)
    query.where('provider_organization_id', filter.providerOrganizationId);
  if (filter.listingId) query.where('listing_id', filter.listingId);
  if (page.afterId) query.where('id', '>', page.afterId);
  return query;
}
