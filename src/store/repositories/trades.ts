// Rows of `trades` and `entitlements`: inserts, finds and the lists of each side of a trade.
import type { EntitlementState } from '../../domain/index.js';
import type { Knex } from 'knex';
import type { Queryable } from '../db.js';
import {
  fromTradeParties,
  optionalNumber,
  optionalString,
  selectTradePartiesPage,
  toTradeParties,
  type IdPage,
  type Row,
  type TradeParties,
  type TradePartiesFilter,
} from './trade-parties.js';

export interface TradeRecord extends TradeParties {
  readonly id: string;
  readonly accessRequestId: string | null;
  readonly priceFen: number;
  readonly artifactSha256: string;
  readonly reportSha256: string;
  readonly licenceTermsSha256: string;
  readonly listingDocumentSha256: string;
  readonly purpose: string;
  readonly intendedUse: string;
  readonly columns: readonly string[];
  /** The per-trade fingerprint key (hex), sealed (store/secret-box.ts, fingerprintKeyBinding). */
  readonly sealedFingerprintKey: string;
  readonly fingerprintWatermark: string;
  readonly ledgerOutboxId: number | null;
  readonly idempotencyKey: string | null;
  readonly requestSha256: string;
  readonly createdAtMs: number;
}

export interface EntitlementRecord extends TradeParties {
  readonly id: string;
  readonly tradeId: string;
  readonly purpose: string;
  readonly columns: readonly string[];
  readonly startsAtMs: number;
  readonly expiresAtMs: number;
  readonly state: EntitlementState;
  readonly revokedAtMs: number | null;
  readonly revokedBy: string | null;
  readonly revocationReason: string | null;
  readonly createdAtMs: number;
}

const toTrade = (row: Row): TradeRecord => ({
  id: String(row.id),
  ...toTradeParties(row),
  accessRequestId: optionalString(row.access_request_id),
  priceFen: Number(row.price_fen),
  artifactSha256: String(row.artifact_sha256),
  reportSha256: String(row.report_sha256),
  licenceTermsSha256: String(row.licence_terms_sha256),
  listingDocumentSha256: String(row.listing_document_sha256),
  purpose: String(row.purpose),
  intendedUse: String(row.intended_use),
  columns: JSON.parse(String(row.columns_json)) as string[],
  sealedFingerprintKey: String(row.fingerprint_key),
  fingerprintWatermark: String(row.fingerprint_watermark),
  ledgerOutboxId: optionalNumber(row.ledger_outbox_id),
  idempotencyKey: optionalString(row.idempotency_key),
  requestSha256: String(row.request_sha256),
  createdAtMs: Number(row.created_at_ms),
});

const toEntitlement = (row: Row): EntitlementRecord => ({
  id: String(row.id),
  tradeId: String(row.trade_id),
  ...toTradeParties(row),
  purpose: String(row.purpose),
  columns: JSON.parse(String(row.columns_json)) as string[],
  startsAtMs: Number(row.starts_at_ms),
  expiresAtMs: Number(row.expires_at_ms),
  state: row.state as EntitlementState,
  revokedAtMs: optionalNumber(row.revoked_at_ms),
  revokedBy: optionalString(row.revoked_by),
  revocationReason: optionalString(row.revocation_reason),
  createdAtMs: Number(row.created_at_ms),
});

const toTradeRow = (trade: TradeRecord): Row => ({
  id: trade.id,
  ...fromTradeParties(trade),
  access_request_id: trade.accessRequestId,
  price_fen: trade.priceFen,
  artifact_sha256: trade.artifactSha256,
  report_sha256: trade.reportSha256,
  licence_terms_sha256: trade.licenceTermsSha256,
  listing_document_sha256: trade.listingDocumentSha256,
  purpose: trade.purpose,
  intended_use: trade.intendedUse,
  columns_json: JSON.stringify(trade.columns),
  fingerprint_key: trade.sealedFingerprintKey,
  fingerprint_watermark: trade.fingerprintWatermark,
  ledger_outbox_id: trade.ledgerOutboxId,
  idempotency_key: trade.idempotencyKey,
  request_sha256: trade.requestSha256,
  created_at_ms: trade.createdAtMs,
});

export async function insertTrade(db: Queryable, trade: TradeRecord): Promise<void> {
  await insertTrades(db, [trade]);
}

/** Inserts several trades in one statement (the order batch). */
export async function insertTrades(db: Queryable, trades: readonly TradeRecord[]): Promise<void> {
  await tradesInsert(db, trades);
}

/** insertTrades not yet run (to run with other writes); undefined when `trades` is empty. */
export function tradesInsert(
  db: Queryable,
  trades: readonly TradeRecord[],
): Knex.QueryBuilder | undefined {
  return trades.length === 0 ? undefined : db('trades').insert(trades.map(toTradeRow));
}

export async function setTradeLedgerOutboxId(
  db: Queryable,
  tradeId: string,
  outboxId: number,
): Promise<void> {
  await db('trades').where({ id: tradeId }).update({ ledger_outbox_id: outboxId });
}

export async function findTrade(db: Queryable, id: string): Promise<TradeRecord | undefined> {
  const row = (await db('trades').where({ id }).first()) as Row | undefined;
  return row ? toTrade(row) : undefined;
}

export async function findTradeByIdempotencyKey(
  db: Queryable,
  buyerOrganizationId: string,
  idempotencyKey: string,
): Promise<TradeRecord | undefined> {
  const row = (await db('trades')
    .where({ buyer_organization_id: buyerOrganizationId, idempotency_key: idempotencyKey })
    .first()) as Row | undefined;
  return row ? toTrade(row) : undefined;
}

export type TradeFilter = TradePartiesFilter;

export async function listTrades(
  db: Queryable,
  filter: TradeFilter,
  page: IdPage,
): Promise<TradeRecord[]> {
  return ((await selectTradePartiesPage(db, 'trades', filter, page)) as Row[]).map(toTrade);
}

const toEntitlementRow = (entitlement: EntitlementRecord): Row => ({
  id: entitlement.id,
  trade_id: entitlement.tradeId,
  ...fromTradeParties(entitlement),
  purpose: entitlement.purpose,
  columns_json: JSON.stringify(entitlement.columns),
  starts_at_ms: entitlement.startsAtMs,
  expires_at_ms: entitlement.expiresAtMs,
  state: entitlement.state,
  revoked_at_ms: entitlement.revokedAtMs,
  revoked_by: entitlement.revokedBy,
  revocation_reason: entitlement.revocationReason,
  created_at_ms: entitlement.createdAtMs,
});

export async function insertEntitlement(
  db: Queryable,
  entitlement: EntitlementRecord,
): Promise<void> {
  await insertEntitlements(db, [entitlement]);
}

/** Inserts several entitlements in one statement (the order batch). */
export async function insertEntitlements(
  db: Queryable,
  entitlements: readonly EntitlementRecord[],
): Promise<void> {
  await entitlementsInsert(db, entitlements);
}

/** insertEntitlements not yet run (to run with other writes); undefined when none. */
export function entitlementsInsert(
  db: Queryable,
  entitlements: readonly EntitlementRecord[],
): Knex.QueryBuilder | undefined {
  return entitlements.length === 0
    ? undefined
    : db('entitlements').insert(entitlements.map(toEntitlementRow));
}

/**
 * Unexpired entitlements at `usableAtMs`, active or suspended, of any of `pairs` (buyer
 * organization, listing): one query for a whole order batch. A suspended one counts, or a buyer
 * under an incident's suspension could order its way around it.
 */
export async function listUsableEntitlementsOfPairs(
  db: Queryable,
  pairs: readonly { buyerOrganizationId: string; listingId: string }[],
  usableAtMs: number,
): Promise<EntitlementRecord[]> {
  if (pairs.length === 0) return [];
  const rows = (await db('entitlements')
    .whereIn('listing_id', [...new Set(pairs.map((pair) => pair.listingId))])
    .whereIn('buyer_organization_id', [...new Set(pairs.map((pair) => pair.buyerOrganizationId))])
    .whereIn('state', ['active', 'suspended'])
    .andWhere('expires_at_ms', '>', usableAtMs)) as Row[];
  const wanted = new Set(pairs.map((pair) => `${pair.buyerOrganizationId}\n${pair.listingId}`));
  return rows
    .map(toEntitlement)
    .filter((entitlement) =>
      wanted.has(`${entitlement.buyerOrganizationId}\n${entitlement.listingId}`),
    );
}

/** Trades already holding any of `keys` (buyer organization, idempotency key). */
export async function listTradesByIdempotencyKeys(
  db: Queryable,
  keys: readonly { buyerOrganizationId: string; idempotencyKey: string }[],
): Promise<TradeRecord[]> {
  if (keys.length === 0) return [];
  const rows = (await db('trades').whereIn('idempotency_key', [
    ...new Set(keys.map((key) => key.idempotencyKey)),
  ])) as Row[];
  const wanted = new Set(keys.map((key) => `${key.buyerOrganizationId}\n${key.idempotencyKey}`));
  return rows
    .map(toTrade)
    .filter((trade) => wanted.has(`${trade.buyerOrganizationId}\n${trade.idempotencyKey}`));
}

/** Trades placed on any of the access requests `ids` (each approval buys one). */
export async function listTradesOfAccessRequests(
  db: Queryable,
  ids: readonly string[],
): Promise<TradeRecord[]> {
  if (ids.length === 0) return [];
  const rows = (await db('trades').whereIn('access_request_id', [...new Set(ids)])) as Row[];
  return rows.map(toTrade);
}

export async function findEntitlement(
  db: Queryable,
  id: string,
): Promise<EntitlementRecord | undefined> {
  const row = (await db('entitlements').where({ id }).first()) as Row | undefined;
  return row ? toEntitlement(row) : undefined;
}

export async function findEntitlementOfTrade(
  db: Queryable,
  tradeId: string,
): Promise<EntitlementRecord | undefined> {
  const row = (await db('entitlements').where({ trade_id: tradeId }).first()) as Row | undefined;
  return row ? toEntitlement(row) : undefined;
}

/** Marks an active or suspended entitlement revoked; false when it was revoked already. */
export async function revokeEntitlementIfActive(
  db: Queryable,
  id: string,
  revocation: { atMs: number; by: string; reason: string },
): Promise<boolean> {
  const updated = await db('entitlements')
    .where({ id })
    .whereIn('state', ['active', 'suspended'])
    .update({
      state: 'revoked',
      revoked_at_ms: revocation.atMs,
      revoked_by: revocation.by,
      revocation_reason: revocation.reason,
    });
  return Number(updated) === 1;
}

/**
 * Moves an entitlement from `from` to `to` (suspend: active → suspended; resume: the reverse);
 * false when it was not in `from` any more. Expiry is left alone: a suspension does not extend it.
 */
export async function changeEntitlementStateIf(
  db: Queryable,
  id: string,
  from: EntitlementState,
  to: EntitlementState,
): Promise<boolean> {
  const updated = await db('entitlements').where({ id, state: from }).update({ state: to });
  return Number(updated) === 1;
}

export interface EntitlementFilter extends TradePartiesFilter {
  /** Active and unexpired at this instant. */
  readonly usableAtMs?: number;
}

export async function listEntitlements(
  db: Queryable,
  filter: EntitlementFilter,
  page: IdPage,
): Promise<EntitlementRecord[]> {
  const query = selectTradePartiesPage(db, 'entitlements', filter, page);
  if (filter.usableAtMs !== undefined) {
    query.where('state', 'active').andWhere('expires_at_ms', '>', filter.usableAtMs);
  }
  return ((await query) as Row[]).map(toEntitlement);
}

/** Every trade (the ledger reconciliation compares it with the `trade` entries). */
export async function countTrades(db: Queryable): Promise<number> {
  const row = (await db('trades').count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

/** Entitlements in `state` (revoked ones each have an `entitlement.revoked` entry). */
export async function countEntitlementsInState(
  db: Queryable,
  state: EntitlementState,
): Promise<number> {
  const row = (await db('entitlements').where({ state }).count({ n: '*' }).first()) as {
    n: number | string;
  };
  return Number(row.n);
}
