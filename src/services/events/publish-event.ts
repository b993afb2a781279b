// Appends notification events for organizations inside the caller's transaction and queues their webhooks.
import type { Clock } from '../../core/clock.js';
import { isPostgres, writeTogether, type Queryable, type WritePart } from '../../store/db.js';
import {
  eventsWithDeliveriesParts,
  insertEvents,
  type EventRecord,
  insertWebhookDeliveries,
  listActiveWebhookSubscriptionsOf,
} from '../../store/repositories/events.js';

/** Kinds of notifications the buyer workflow sends; payloads hold identifiers, states and reasons only. */
export type EventKind =
  | 'access_request.submitted'
  | 'access_request.approved'
  | 'access_request.refused'
  | 'access_request.withdrawn'
  | 'access_request.overdue'
  | 'access_request.disputed'
  | 'access_request.dispute_decided'
  | 'access_request.deadline_recomputed'
  | 'trade.created'
  | 'entitlement.revoked'
  | 'entitlement.suspended'
  | 'entitlement.resumed'
  | 'incident.filed'
  | 'incident.attributed'
  | 'incident.suspended'
  | 'incident.closed';

export interface EventToPublish {
  readonly kind: EventKind;
  /** Each organization gets its own copy in its feed (deduplicated). */
  readonly organizationIds: readonly string[];
  readonly subjectId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Records the event in every named organization's feed and creates a pending webhook delivery
 * for each active subscription of that organization, all within `trx`, so a state change and
 * its notifications commit together (the deliverer sends them later, with retries).
 */
export async function publishEvent(
  trx: Queryable,
  clock: Clock,
  event: EventToPublish,
): Promise<void> {
  await publishEvents(trx, clock, [event]);
}

/** publishEvent for several events at once: three statements whatever their number (the order batch). */
export async function publishEvents(
  trx: Queryable,
  clock: Clock,
  events: readonly EventToPublish[],
): Promise<void> {
  const nowMs = clock.nowMs();
  const copies = feedCopiesOf(events, nowMs);
  const eventIds = await insertEvents(trx, copies);
  const subscriptions = await listActiveWebhookSubscriptionsOf(
    trx,
    copies.map((copy) => copy.organizationId),
  );
  await insertWebhookDeliveries(
    trx,
    copies.flatMap((copy, index) =>
      subscriptions
        .filter((subscription) => subscription.organizationId === copy.organizationId)
        .map((subscription) => ({
          subscriptionId: subscription.id,
          eventId: eventIds[index],
          nextAttemptAtMs: nowMs,
          createdAtMs: nowMs,
        })),
    ),
  );
}

/**
 * Runs `writes` (writeTogether) and publishes `events`: on PostgreSQL all in one statement, the
 * feed rows and their webhook deliveries included (the order batch: one round trip, not six).
 */
export async function publishEventsWithWrites(
  trx: Queryable,
  clock: Clock,
  events: readonly EventToPublish[],
  writes: readonly (WritePart | undefined)[],
): Promise<void> {
  if (!isPostgres(trx)) {
    await writeTogether(trx, writes);
    await publishEvents(trx, clock, events);
    return;
  }
  const nowMs = clock.nowMs();
  await writeTogether(trx, [
    ...writes,
    ...eventsWithDeliveriesParts(trx, feedCopiesOf(events, nowMs), nowMs),
  ]);
}

/** One feed row per (event, named organization), as publishEvents inserts them. */
export function feedCopiesOf(
  events: readonly EventToPublish[],
  nowMs: number,
): Omit<EventRecord, 'id'>[] {
  return events.flatMap((event) =>
    [...new Set(event.organizationIds)].map((organizationId) => ({
      organizationId,
      kind: event.kind,
      subjectId: event.subjectId,
      payload: event.payload,
      createdAtMs: nowMs,
    })),
  );
}
