// Writes concurrent orders together (group commit): the orders that arrive while one batch is being
// written form the next, which checks and inserts all of them in one transaction of about ten
// statements, so the per-order cost of the write path (and of its ledger outbox row) stays flat.
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { notFound } from '../errors.js';
import { auditEntriesOf, type AuditEvent } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { GroupCommit, type Settlement } from '../group-commit.js';
import { writePart, type Queryable } from '../../store/db.js';
import type { Clock } from '../../core/clock.js';
import { publishEventsWithWrites, type EventToPublish } from '../events/index.js';
import { appendLedgerEvents, type LedgerEvent } from '../ledger-outbox.js';
import { auditEntriesInsert } from '../../store/repositories/audit-log.js';
import { ledgerOpeningsInsert } from '../../store/repositories/ledger-openings.js';
import { lockListingStates } from '../../store/repositories/listings.js';
import { lockAccessRequests } from '../../store/repositories/access-requests.js';
import { accessRequestUsed } from './order-terms.js';
import {
  entitlementsInsert,
  tradesInsert,
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

/** Orders in one batch at most (a batch's statements grow with it; 64 keeps them small). */
const MAX_BATCH = 64;

export class OrderWriteBatch {
  private readonly group: GroupCommit<PreparedOrder, WriteOutcome>;

  constructor(deps: Pick<ServiceDeps, 'db' | 'clock'>) {
    this.group = new GroupCommit(
      deps.db,
      (trx, orders) => writeOrders(trx, deps.clock, orders),
      MAX_BATCH,
    );
  }

  /**
   * Writes `order` with whatever orders are waiting beside it. Rejects with the order's own refusal
   * (`entitlement_exists`, `access_request_used`, `not_found` for a listing no longer published at
   * its revision) without failing its neighbours; a batch the database refuses as a whole (a unique
   * key taken by another gateway at the same moment) is retried one order at a time, so each gets
   * its own answer.
   */
  write(order: PreparedOrder): Promise<WriteOutcome> {
    return this.group.add(order);
  }
}

/** Checks and inserts `orders` in `trx`; what became of each, in order. */
async function writeOrders(
  trx: Queryable,
  clock: Clock,
  orders: readonly PreparedOrder[],
): Promise<Settlement<WriteOutcome>[]> {
  const nowMs = clock.nowMs();
  const listings = new Map(
    (await lockListingStates(trx, [...new Set(orders.map((o) => o.trade.listingId))])).map(
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
  const settlements: Settlement<WriteOutcome>[] = [];
  const accepted: { order: PreparedOrder; position: number }[] = [];
  orders.forEach((order, position) => {
    const { trade } = order;
    const listing = listings.get(trade.listingId);
    if (listing?.state !== 'published' || listing.revision !== trade.listingRevision) {
      settlements[position] = { refusal: notFound('listing', trade.listingId) };
      return;
    }
    if (trade.idempotencyKey !== null && keysTaken.has(keyOf(trade))) {
      settlements[position] = { value: { kind: 'idempotency_key_taken' } };
      return;
    }
    const usedBy =
      trade.accessRequestId === null ? undefined : usedRequests.get(trade.accessRequestId);
    if (trade.accessRequestId !== null && usedBy !== undefined) {
      settlements[position] = { refusal: accessRequestUsed(trade.accessRequestId, usedBy) };
      return;
    }
    const holder = held.get(pairOf(trade));
    if (holder !== undefined) {
      settlements[position] = { refusal: entitlementExists(holder) };
      return;
    }
    held.set(pairOf(trade), order.entitlement.id);
    if (trade.accessRequestId !== null) usedRequests.set(trade.accessRequestId, trade.id);
    if (trade.idempotencyKey !== null) keysTaken.add(keyOf(trade));
    accepted.push({ order, position });
  });
  if (accepted.length === 0) return settlements;
  const { outboxIds: ledgerOutboxIds, openings } = await appendLedgerEvents(
    trx,
    clock,
    accepted.map(({ order }) => order.ledgerEvent),
  );
  // Everything else the batch writes needs nothing back: on PostgreSQL one statement.
  await publishEventsWithWrites(
    trx,
    clock,
    accepted.map(({ order }) => order.event),
    [
      writePart(ledgerOpeningsInsert(trx, openings)),
      writePart(
        tradesInsert(
          trx,
          accepted.map(({ order }, index) => ({
            ...order.trade,
            ledgerOutboxId: ledgerOutboxIds[index],
          })),
        ),
      ),
      writePart(
        entitlementsInsert(
          trx,
          accepted.map(({ order }) => order.entitlement),
        ),
      ),
      writePart(auditEntriesInsert(trx, auditEntriesOf(accepted.map(({ order }) => order.audit)))),
    ],
  );
  accepted.forEach(({ position }, index) => {
    settlements[position] = { value: { kind: 'written', ledgerOutboxId: ledgerOutboxIds[index] } };
  });
  return settlements;
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
