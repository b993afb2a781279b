// Orders on published listings: one trade and its entitlement created atomically, idempotent per key (seed Art. 45).
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.js';
import {
  FINGERPRINT_SCHEME,
  fingerprintKeyCommitment,
  fingerprintWatermark,
} from '../../core/fingerprint/index.js';
import {
  findEntitlementOfTrade,
  findTrade,
  findTradeByIdempotencyKey,
  listTrades,
  type EntitlementRecord,
  type TradeRecord,
} from '../../store/repositories/trades.js';
import { auditBy } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { toEntitlementView, type EntitlementView } from '../entitlements/entitlement-view.js';
import { notFound, ServiceError, validationFailed } from '../errors.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { sealFingerprintKey } from './fingerprint-key.js';
import { ListingOfferCache } from '../listings/listing-offer-cache.js';
import type { ListingOffer } from '../listings/listing-offer.js';
import { isUniqueViolation } from './unique-violation.js';
import { resolveOrderTerms, type OrderTerms } from './order-terms.js';
import { OrderWriteBatch } from './order-batch.js';

const DAY_MS = 86_400_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface OrderInput {
  readonly listingId: string;
  /** Required for conditional listings: an approved request of the buyer's organization. */
  readonly accessRequestId?: string;
  /** For unconditional listings; conditional orders take purpose and columns from the approved request. */
  readonly purpose?: string;
  readonly intendedUse?: string;
  readonly columns?: readonly string[];
}

/** A trade as its parties see it: never the fingerprint key. */
export type TradeView = Omit<TradeRecord, 'sealedFingerprintKey' | 'requestSha256'>;

export interface OrderResult {
  readonly trade: TradeView;
  readonly entitlement: EntitlementView;
  /** False when an earlier order with the same Idempotency-Key is returned. */
  readonly created: boolean;
}

export interface OrderServiceOptions {
  /** The ledger's receipt for an outbox entry once sequenced (LedgerService.receiptForOutboxEntry). */
  readonly receiptForOutboxEntry?: (outboxId: number) => Promise<unknown>;
}

export function toTradeView(trade: TradeRecord): TradeView {
  const { sealedFingerprintKey: _key, requestSha256: _hash, ...view } = trade;
  return view;
}

export class OrderService {
  /** Concurrent orders are written together (order-batch.ts). */
  private readonly batch: OrderWriteBatch;
  /** Offers per listing revision: an order reads the listing's state, not its whole row. */
  private readonly offers = new ListingOfferCache();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: OrderServiceOptions = {},
  ) {
    this.batch = new OrderWriteBatch(deps);
  }

  /**
   * Places an order. With an `idempotencyKey`, a repeat (also a concurrent one) returns the first
   * trade: the key is a unique constraint on (buyer organization, key), so two racing inserts
   * cannot both commit; the loser rolls back and reads the winner. A key reused with a different
   * request is `idempotency_conflict`.
   */
  async placeOrder(
    context: RequestContext,
    input: OrderInput,
    idempotencyKey?: string,
  ): Promise<OrderResult> {
    const { principal } = context;
    requireRole(principal, 'buyer');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationFailed('bad Idempotency-Key', [
        { field: 'Idempotency-Key', reason: 'want 1 to 200 visible ASCII characters' },
      ]);
    }
    const requestSha256 = sha256(
      canonicalJson({
        listingId: input.listingId,
        accessRequestId: input.accessRequestId ?? null,
        purpose: input.purpose ?? null,
        intendedUse: input.intendedUse ?? null,
        columns: input.columns ?? null,
      }),
    );
    const replay = async (): Promise<OrderResult | undefined> => {
      if (idempotencyKey === undefined) return undefined;
      const existing = await findTradeByIdempotencyKey(
        this.deps.db,
        principal.organizationId,
        idempotencyKey,
      );
      if (!existing) return undefined;
      if (existing.requestSha256 !== requestSha256) {
        throw new ServiceError(
          'idempotency_conflict',
          'Idempotency-Key was used for a different order',
          {
            details: { tradeId: existing.id },
          },
        );
      }
      const entitlement = await findEntitlementOfTrade(this.deps.db, existing.id);
      return {
        trade: toTradeView(existing),
        entitlement: toEntitlementView(entitlement as EntitlementRecord, this.deps.clock.nowMs()),
        created: false,
      };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      // Checked here against the listing's terms, then written with the orders beside it in one
      // transaction that re-checks what a concurrent order could change (order-batch.ts).
      // A kept offer is read from memory: its state is re-checked by the batch (listing-offer-cache.ts).
      const fromMemory = this.offers.has(input.listingId);
      const listing = await this.offers.read(this.deps.db, input.listingId);
      if (!listing || listing.state !== 'published') throw notFound('listing', input.listingId);
      const terms = await this.resolveTerms(principal, listing, input, fromMemory);
      const nowMs = this.deps.clock.nowMs();
      const tradeId = this.deps.ids.newId('trd');
      const key = randomBytes(32);
      const trade: TradeRecord = {
        id: tradeId,
        listingId: listing.id,
        listingRevision: listing.revision,
        providerOrganizationId: listing.organizationId,
        buyerOrganizationId: principal.organizationId,
        buyerMemberId: principal.memberId,
        accessRequestId: terms.accessRequestId,
        priceFen: listing.priceFen,
        artifactSha256: listing.artifactSha256,
        reportSha256: listing.reportSha256,
        licenceTermsSha256: listing.licenceTermsSha256,
        listingDocumentSha256: listing.documentSha256,
        purpose: terms.purpose,
        intendedUse: terms.intendedUse,
        columns: terms.columns,
        sealedFingerprintKey: sealFingerprintKey(this.deps.secrets, tradeId, key),
        fingerprintWatermark: fingerprintWatermark(key, tradeId),
        ledgerOutboxId: null,
        idempotencyKey: idempotencyKey ?? null,
        requestSha256,
        createdAtMs: nowMs,
      };
      const entitlement: EntitlementRecord = {
        id: this.deps.ids.newId('ent'),
        tradeId,
        listingId: listing.id,
        listingRevision: listing.revision,
        providerOrganizationId: listing.organizationId,
        buyerOrganizationId: principal.organizationId,
        buyerMemberId: principal.memberId,
        purpose: terms.purpose,
        columns: terms.columns,
        startsAtMs: nowMs,
        expiresAtMs: nowMs + terms.durationDays * DAY_MS,
        state: 'active',
        revokedAtMs: null,
        revokedBy: null,
        revocationReason: null,
        createdAtMs: nowMs,
      };
      const written = await this.batch.write({
        trade,
        entitlement,
        ledgerEvent: {
          kind: 'trade',
          trade_id: tradeId,
          listing_id: listing.id,
          listing_revision: listing.revision,
          listing_document_sha256: listing.documentSha256,
          provider_organization_id: listing.organizationId,
          buyer_organization_id: principal.organizationId,
          access_request_id: terms.accessRequestId,
          price_fen: listing.priceFen,
          artifact_sha256: listing.artifactSha256,
          report_sha256: listing.reportSha256,
          licence_terms_sha256: listing.licenceTermsSha256,
          purpose: terms.purpose,
          entitlement: {
            id: entitlement.id,
            columns: entitlement.columns,
            starts_at_ms: entitlement.startsAtMs,
            expires_at_ms: entitlement.expiresAtMs,
          },
          fingerprint: {
            scheme: FINGERPRINT_SCHEME,
            watermark: trade.fingerprintWatermark,
            key_sha256: fingerprintKeyCommitment(key),
          },
        },
        audit: {
          ...auditBy(context, this.deps.clock),
          action: 'trade.created',
          target: tradeId,
          details: {
            listingId: listing.id,
            entitlementId: entitlement.id,
            priceFen: listing.priceFen,
          },
        },
        event: {
          kind: 'trade.created',
          organizationIds: [principal.organizationId, listing.organizationId],
          subjectId: tradeId,
          payload: {
            tradeId,
            listingId: listing.id,
            entitlementId: entitlement.id,
            expiresAtMs: entitlement.expiresAtMs,
          },
        },
      });
      if (written.kind === 'idempotency_key_taken') {
        const winner = await replay();
        if (winner) return winner;
        throw new ServiceError('conflict', 'a concurrent order conflicted; retry');
      }
      return {
        trade: toTradeView({ ...trade, ledgerOutboxId: written.ledgerOutboxId }),
        entitlement: toEntitlementView(entitlement, nowMs),
        created: true,
      };
    } catch (error) {
      // The batch found the listing no longer published: the next order reads it again.
      if (error instanceof ServiceError && error.code === 'not_found') {
        this.offers.forget(input.listingId);
      }
      // A racing order with the same key may have committed first: then this one lost either at
      // the unique constraint or at a business check that saw the winner's rows. Either way the
      // answer is the winner's trade (or idempotency_conflict when the bodies differ).
      if (idempotencyKey !== undefined) {
        const winner = await replay();
        if (winner) return winner;
      } else if (isUniqueViolation(error)) {
        throw new ServiceError('conflict', 'a concurrent order conflicted; retry', {
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * The order's terms under `listing`. A refusal based on an offer kept in memory is checked against
   * the listing as it is now, so that an order on a listing no longer published is `not_found` first,
   * as it is when the offer is read from the database.
   */
  private async resolveTerms(
    principal: Principal,
    listing: ListingOffer,
    input: OrderInput,
    fromMemory: boolean,
  ): Promise<OrderTerms> {
    try {
      return await resolveOrderTerms(this.deps.db, principal, listing, input);
    } catch (error) {
      if (fromMemory) {
        this.offers.forget(listing.id);
        const now = await this.offers.read(this.deps.db, listing.id);
        if (now?.state !== 'published') throw notFound('listing', listing.id);
      }
      throw error;
    }
  }

  /** Visible to the buyer organization, the provider organization and admins. */
  async getTrade(principal: Principal, tradeId: string): Promise<TradeView> {
    const trade = await findTrade(this.deps.db, tradeId);
    if (!trade || !isParty(principal, trade)) throw notFound('trade', tradeId);
    return toTradeView(trade);
  }

  async listTrades(
    principal: Principal,
    side: 'buyer' | 'provider',
    request: PageRequest,
  ): Promise<Page<TradeView>> {
    requireRole(principal, side);
    const limit = pageLimit(request);
    const filter =
      side === 'buyer'
        ? { buyerOrganizationId: principal.organizationId }
        : { providerOrganizationId: principal.organizationId };
    const rows = await listTrades(this.deps.db, filter, {
      limit: limit + 1,
      afterId: request.cursor,
    });
    const page = toPage(rows, limit, (row) => row.id);
    return { items: page.items.map(toTradeView), nextCursor: page.nextCursor };
  }

  /**
   * The trade's ledger receipt (entry, inclusion proof, checkpoint; see the ledger), or
   * `{ state: 'pending' }` until the sequencer has placed the entry in the log.
   */
  async tradeReceipt(
    principal: Principal,
    tradeId: string,
    receiptForOutboxEntry = this.options.receiptForOutboxEntry,
  ): Promise<{ state: 'sequenced'; receipt: unknown } | { state: 'pending' }> {
    const trade = await findTrade(this.deps.db, tradeId);
    if (!trade || !isParty(principal, trade)) throw notFound('trade', tradeId);
    if (trade.ledgerOutboxId === null || !receiptForOutboxEntry) return { state: 'pending' };
    const receipt = await receiptForOutboxEntry(trade.ledgerOutboxId);
    return receipt === undefined ? { state: 'pending' } : { state: 'sequenced', receipt };
  }
}

function isParty(principal: Principal, trade: TradeRecord): boolean {
  return (
    trade.buyerOrganizationId === principal.organizationId ||
    trade.providerOrganizationId === principal.organizationId ||
    hasRole(principal, 'admin')
  );
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
