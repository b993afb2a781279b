// Rows of `events` (the per-organization feed) and of the webhook subscription and delivery tables.
import { returnedIds, writePart, type Queryable, type WritePart } from '../db.js';

export interface EventRecord {
  readonly id: number;
  readonly organizationId: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAtMs: number;
}

type Row = Record<string, unknown>;

const toEvent = (row: Row): EventRecord => ({
  id: Number(row.id),
  organizationId: String(row.organization_id),
  kind: String(row.kind),
  subjectId: String(row.subject_id),
  payload: JSON.parse(String(row.payload_json)) as Record<string, unknown>,
  createdAtMs: Number(row.created_at_ms),
});

const toEventRow = (event: Omit<EventRecord, 'id'>): Row => ({
  organization_id: event.organizationId,
  kind: event.kind,
  subject_id: event.subjectId,
  payload_json: JSON.stringify(event.payload),
  created_at_ms: event.createdAtMs,
});

export async function insertEvent(db: Queryable, event: Omit<EventRecord, 'id'>): Promise<number> {
  return (await insertEvents(db, [event]))[0];
}

/** Inserts several events in one statement; returns their ids in the order given. */
export async function insertEvents(
  db: Queryable,
  events: readonly Omit<EventRecord, 'id'>[],
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = (await db('events').insert(events.map(toEventRow)).returning('id')) as unknown[];
  return returnedIds(rows);
}

export async function listEventsAfter(
  db: Queryable,
  organizationId: string,
  afterId: number,
  limit: number,
): Promise<EventRecord[]> {
  const rows = (await db('events')
    .where('organization_id', organizationId)
    .andWhere('id', '>', afterId)
    .orderBy('id')
    .limit(limit)) as Row[];
  return rows.map(toEvent);
}

export async function findEvent(db: Queryable, id: number): Promise<EventRecord | undefined> {
  const row = (await db('events').where({ id }).first()) as Row | undefined;
  return row ? toEvent(row) : undefined;
}

export interface WebhookSubscriptionRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly url: string;
  /** The signing secret, sealed (store/secret-box.ts, webhookSecretBinding). */
  readonly sealedSecret: string;
  readonly state: 'active' | 'disabled';
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

const toSubscription = (row: Row): WebhookSubscriptionRecord => ({
  id: String(row.id),
  organizationId: String(row.organization_id),
  url: String(row.url),
  sealedSecret: String(row.secret),
  state: row.state as 'active' | 'disabled',
  createdBy: String(row.created_by),
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

export async function insertWebhookSubscription(
  db: Queryable,
  record: WebhookSubscriptionRecord,
): Promise<void> {
  await db('webhook_subscriptions').insert({
    id: record.id,
    organization_id: record.organizationId,
    url: record.url,
    secret: record.sealedSecret,
    state: record.state,
    created_by: record.createdBy,
    created_at_ms: record.createdAtMs,
    updated_at_ms: record.updatedAtMs,
  });
}

export async function findWebhookSubscription(
  db: Queryable,
  id: string,
): Promise<WebhookSubscriptionRecord | undefined> {
  const row = (await db('webhook_subscriptions').where({ id }).first()) as Row | undefined;
  return row ? toSubscription(row) : undefined;
}

export async function listWebhookSubscriptions(
  db: Queryable,
  organizationId: string,
  onlyActive = false,
): Promise<WebhookSubscriptionRecord[]> {
  const query = db('webhook_subscriptions').where('organization_id', organizationId).orderBy('id');
  if (onlyActive) query.andWhere('state', 'active');
  return ((await query) as Row[]).map(toSubscription);
}

/** The active subscriptions of any of `organizationIds`, in id order: one query for a batch. */
/**
 * On PostgreSQL: the events inserted and, for each, a pending delivery per active webhook
 * subscription of its organization (subscriptions by id), as two parts of one `writeTogether`
 * statement, where insertEvents, listActiveWebhookSubscriptionsOf and insertWebhookDeliveries take
 * three round trips.
 */
export function eventsWithDeliveriesParts(
  db: Queryable,
  events: readonly Omit<EventRecord, 'id'>[],
  nowMs: number,
): WritePart[] {
  if (events.length === 0) return [];
  const inserted = writePart(
    db('events').insert(events.map(toEventRow)).returning(['id', 'organization_id']),
    'published_events',
  ) as WritePart;
  const deliveries: WritePart = {
    sql:
      'insert into "webhook_deliveries" ("subscription_id", "event_id", "state", "attempts", ' +
      '"next_attempt_at_ms", "created_at_ms") select s."id", e."id", \'pending\', 0, ?::bigint, ?::bigint ' +
      'from "published_events" e join "webhook_subscriptions" s ' +
      'on s."organization_id" = e."organization_id" and s."state" = \'active\' ' +
      'order by e."id", s."id"',
    bindings: [nowMs, nowMs],
  };
  return [inserted, deliveries];
}

export async function listActiveWebhookSubscriptionsOf(
  db: Queryable,
  organizationIds: readonly string[],
): Promise<WebhookSubscriptionRecord[]> {
  if (organizationIds.length === 0) return [];
  const rows = (await db('webhook_subscriptions')
    .whereIn('organization_id', [...new Set(organizationIds)])
    .andWhere('state', 'active')
    .orderBy('id')) as Row[];
  return rows.map(toSubscription);
}

export async function setWebhookSubscriptionState(
  db: Queryable,
  id: string,
  state: 'active' | 'disabled',
  atMs: number,
): Promise<void> {
  await db('webhook_subscriptions').where({ id }).update({ state, updated_at_ms: atMs });
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRecord {
  readonly id: number;
  readonly subscriptionId: string;
  readonly eventId: number;
  readonly state: WebhookDeliveryState;
  readonly attempts: number;
  readonly nextAttemptAtMs: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAtMs: number | null;
  readonly createdAtMs: number;
}

const toDelivery = (row: Row): WebhookDeliveryRecord => ({
  id: Number(row.id),
  subscriptionId: String(row.subscription_id),
  eventId: Number(row.event_id),
  state: row.state as WebhookDeliveryState,
  attempts: Number(row.attempts),
  nextAttemptAtMs: Number(row.next_attempt_at_ms),
  lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
  lastError: (row.last_error as string | null) ?? null,
  deliveredAtMs: row.delivered_at_ms === null ? null : Number(row.delivered_at_ms),
  createdAtMs: Number(row.created_at_ms),
});

export async function insertWebhookDelivery(
  db: Queryable,
  delivery: WebhookDeliveryToInsert,
): Promise<void> {
  await insertWebhookDeliveries(db, [delivery]);
}

export interface WebhookDeliveryToInsert {
  readonly subscriptionId: string;
  readonly eventId: number;
  readonly nextAttemptAtMs: number;
  readonly createdAtMs: number;
}

/** Creates several pending deliveries in one statement. */
export async function insertWebhookDeliveries(
  db: Queryable,
  deliveries: readonly WebhookDeliveryToInsert[],
): Promise<void> {
  if (deliveries.length === 0) return;
  await db('webhook_deliveries').insert(
    deliveries.map((delivery) => ({
      subscription_id: delivery.subscriptionId,
      event_id: delivery.eventId,
      state: 'pending',
      attempts: 0,
      next_attempt_at_ms: delivery.nextAttemptAtMs,
      created_at_ms: delivery.createdAtMs,
    })),
  );
}

export async function listDueWebhookDeliveries(
  db: Queryable,
  nowMs: number,
  limit: number,
): Promise<WebhookDeliveryRecord[]> {
  const rows = (await db('webhook_deliveries')
    .where('state', 'pending')
    .andWhere('next_attempt_at_ms', '<=', nowMs)
    .orderBy('id')
    .limit(limit)) as Row[];
  return rows.map(toDelivery);
}

export async function listWebhookDeliveries(
  db: Queryable,
  subscriptionId: string,
  page: { limit: number; beforeId?: number },
): Promise<WebhookDeliveryRecord[]> {
  const query = db('webhook_deliveries')
    .where('subscription_id', subscriptionId)
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.beforeId !== undefined) query.andWhere('id', '<', page.beforeId);
  return ((await query) as Row[]).map(toDelivery);
}

export async function recordWebhookAttempt(
  db: Queryable,
  attempt: {
    deliveryId: number;
    attempt: number;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    atMs: number;
    next: { state: WebhookDeliveryState; nextAttemptAtMs: number };
  },
): Promise<void> {
  await db('webhook_attempts').insert({
    delivery_id: attempt.deliveryId,
    attempt: attempt.attempt,
    status_code: attempt.statusCode,
    error: attempt.error,
    duration_ms: attempt.durationMs,
    at_ms: attempt.atMs,
  });
  await db('webhook_deliveries')
    .where({ id: attempt.deliveryId })
    .update({
      state: attempt.next.state,
      attempts: attempt.attempt,
      next_attempt_at_ms: attempt.next.nextAttemptAtMs,
      last_status_code: attempt.statusCode,
      last_error: attempt.error,
      delivered_at_ms: attempt.next.state === 'delivered' ? attempt.atMs : null,
    });
}

export interface WebhookAttemptRecord {
  readonly deliveryId: number;
  readonly attempt: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly atMs: number;
}

export async function listWebhookAttempts(
  db: Queryable,
  deliveryIds: readonly number[],
): Promise<WebhookAttemptRecord[]> {
  if (deliveryIds.length === 0) return [];
  const rows = (await db('webhook_attempts')
    .whereIn('delivery_id', [...deliveryIds])
    .orderBy('id')) as Row[];
  return rows.map((row) => ({
    deliveryId: Number(row.delivery_id),
    attempt: Number(row.attempt),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: (row.error as string | null) ?? null,
    durationMs: Number(row.duration_ms),
    atMs: Number(row.at_ms),
  }));
}
