// Writes concurrent orders together (group commit): the orders that arrive while one batch is being
// written form the next, which checks and inserts all of them in one transaction of about ten
// statements, so the per-order cost of the write path (and of its ledger outbox row) stays flat.
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { notFound } from '../errors.js';
import { recordAudits, type AuditEvent } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { publishEvents, type EventToPublish } from '../events/index.js';
import { recordLedgerEvents, type LedgerEvent } from '../ledger-outbox.js';
import { selectListingStates } from '../../store/repositories/listings.js';
import { lockAccessRequests } from '../../store/repositories/access-requests.js';
import { accessRequestUsed } from './order-terms.js';
import {
  insertEntitlements,
  insertTrades,
  listTradesByIdempotencyKeys,
  listTradesOfAccessRequests,
  listUsableEntitlementsOfPairs,
  type EntitlementRecord,
  type TradeRecord,
} from '../../store/repositories/trades.js';

/** One order, checked against the listing's terms, ready to write. */
export interface PreparedOrder {
  /** Its `ledgerOutboxId` is set when written. */
  readonly trade: TradeRecord;
  readonly entitlement: EntitlementRecord;
  /** The `trade` ledger event (recorded in the outbox; the sequencer logs it). */
  readonly ledgerEvent: LedgerEvent;
  readonly audit: AuditEvent;
  readonly event: EventToPublish;
}

export type WriteOutcome =
  | { readonly kind: 'written'; readonly ledgerOutboxId: number }
  /** Another order (earlier, or in this batch) holds the same buyer organization and key. */
  | { readonly kind: 'idempotency_key_taken' };

interface Waiting {
  readonly order: PreparedOrder;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/** Orders in one batch at most (a batch's statements grow with it; 64 keeps them small). */
const MAX_BATCH = 64;

export class OrderWriteBatch {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly deps: Pick<ServiceDeps, 'db' | 'clock'>) {}

  /**
   * Writes `order` with whatever orders are waiting beside it. Rejects with the order's own refusal
   * (`entitlement_exists`, `access_request_used`, `not_found` for a listing no longer published at
   * its revision) without
   * failing its neighbours; a batch the database refuses as a whole (a unique key taken by another
   * gateway at the same moment) is retried one order at a time, so each gets its own answer.
   */
  write(order: PreparedOrder): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.queue.push({ order, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      // Orders that arrive in the same turn of the event loop join the first batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.writeBatch(batch);
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          else
            for (const waiting of batch)
              await this.writeBatch([waiting]).catch((failure: unknown) => waiting.reject(failure));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** One transaction for `batch`; settles each order in it, or throws and settles none. */
  private async writeBatch(batch: readonly Waiting[]): Promise<void> {
    const settle: (() => void)[] = [];
    await this.deps.db.transaction(async (trx) => {
      const nowMs = this.deps.clock.nowMs();
      const orders = batch.map((waiting) => waiting.order);
      const listings = new Map(
        (await selectListingStates(trx, [...new Set(orders.map((o) => o.trade.listingId))])).map(
          (listing) => [listing.id, listing],
        ),
      );
      const requestIds = orders.flatMap(({ trade }) =>
        trade.accessRequestId === null ? [] : [trade.accessRequestId],
      );
      await lockAccessRequests(trx, requestIds);
      const usedRequests = new Map(
        (await listTradesOfAccessRequests(trx, requestIds)).map((trade) => [
          trade.accessRequestId,
          trade.id,
        ]),
      );
      const held = new Map<string, string>();
      for (const entitlement of await listUsableEntitlementsOfPairs(
        trx,
        orders.map((o) => o.trade),
        nowMs,
      ))
        held.set(pairOf(entitlement), entitlement.id);
      const keysTaken = new Set(
        (
          await listTradesByIdempotencyKeys(
            trx,
            orders.flatMap(({ trade }) =>
              trade.idempotencyKey === null
                ? []
                : [
                    {
                      buyerOrganizationId: trade.buyerOrganizationId,
                      idempotencyKey: trade.idempotencyKey,
                    },
                  ],
            ),
          )
        ).map((trade) => keyOf(trade)),
      );
      const accepted: Waiting[] = [];
      for (const waiting of batch) {
        const { trade } = waiting.order;
        const listing = listings.get(trade.listingId);
        if (listing?.state !== 'published' || listing.revision !== trade.listingRevision) {
          settle.push(() => waiting.reject(notFound('listing', trade.listingId)));
          continue;
        }
        if (trade.idempotencyKey !== null && keysTaken.has(keyOf(trade))) {
          settle.push(() => waiting.resolve({ kind: 'idempotency_key_taken' }));
          continue;
        }
        const usedBy =
          trade.accessRequestId === null ? undefined : usedRequests.get(trade.accessRequestId);
        if (trade.accessRequestId !== null && usedBy !== undefined) {
          const refusal = accessRequestUsed(trade.accessRequestId, usedBy);
          settle.push(() => waiting.reject(refusal));
          continue;
        }
        const holder = held.get(pairOf(trade));
        if (holder !== undefined) {
          settle.push(() => waiting.reject(entitlementExists(holder)));
          continue;
        }
        held.set(pairOf(trade), waiting.order.entitlement.id);
        if (trade.accessRequestId !== null) usedRequests.set(trade.accessRequestId, trade.id);
        if (trade.idempotencyKey !== null) keysTaken.add(keyOf(trade));
        accepted.push(waiting);
      }
      if (accepted.length === 0) return;
      const ledgerOutboxIds = await recordLedgerEvents(
        trx,
        this.deps.clock,
        accepted.map((waiting) => waiting.order.ledgerEvent),
      );
      await insertTrades(
        trx,
        accepted.map((waiting, index) => ({
          ...waiting.order.trade,
          ledgerOutboxId: ledgerOutboxIds[index],
        })),
      );
      await insertEntitlements(
        trx,
        accepted.map((waiting) => waiting.order.entitlement),
      );
      await recordAudits(
        trx,
        accepted.map((waiting) => waiting.order.audit),
      );
      await publishEvents(
        trx,
        this.deps.clock,
        accepted.map((waiting) => waiting.order.event),
      );
      accepted.forEach((waiting, index) =>
        settle.push(() =>
          waiting.resolve({ kind: 'written', ledgerOutboxId: ledgerOutboxIds[index] }),
        ),
      );
    });
    // Only once committed: a rolled-back batch is retried order by order instead.
    for (const done of settle) done();
  }
}

const pairOf = (row: { buyerOrganizationId: string; listingId: string }): string =>
  `${row.buyerOrganizationId}\n${row.listingId}`;

const keyOf = (trade: { buyerOrganizationId: string; idempotencyKey: string | null }): string =>
  `${trade.buyerOrganizationId}\n${trade.idempotencyKey}`;

function entitlementExists(entitlementId: string): BuyerWorkflowError {
  return new BuyerWorkflowError(
    'entitlement_exists',
    'the organization already holds an active entitlement to this listing',
    { details: { entitlementId } },
  );
}
