// Open access requests' deadlines counted again when a holiday notice is loaded: never earlier than shown.
import type { WorkingDayCalendar } from '../../core/calendar/index.js';
import type { Clock } from '../../core/clock.js';
import type { Database, Queryable } from '../../store/db.js';
import {
  listAccessRequests,
  replaceAccessRequestDeadlineIf,
  type AccessRequestRecord,
} from '../../store/repositories/access-requests.js';
import { recordAudit, type AuditEvent } from '../audit.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { notifyParties } from './access-request-records.js';
import { isProvisional, recomputedDeadline } from './answer-deadline.js';

/** Who recomputes: the admin importing a notice, or the gateway itself (start, periodic check). */
export type RecomputeActor = Pick<AuditEvent, 'actor' | 'apiKeyId' | 'requestId'>;

export interface RecomputedDeadline {
  readonly accessRequestId: string;
  readonly previousDeadlineMs: number;
  readonly deadlineMs: number;
  readonly deadlineBasis: AccessRequestRecord['deadlineBasis'];
  readonly state: AccessRequestRecord['state'];
}

const OPEN_STATES = ['pending', 'overdue'] as const;
const PAGE = 200;

/**
 * Counts `record`'s deadline again with `calendar` and, when it changes, writes it with an event
 * for both parties, a ledger entry and an audit row, all in `trx`. An overdue request whose new
 * deadline lies ahead is pending again: the provider was not late. Returns undefined when nothing
 * changed, or when the request changed meanwhile (answered, escalated, recomputed elsewhere).
 */
export async function recomputeOpenDeadline(
  trx: Queryable,
  clock: Clock,
  calendar: WorkingDayCalendar,
  record: AccessRequestRecord,
  actor: RecomputeActor,
): Promise<RecomputedDeadline | undefined> {
  const recomputed = recomputedDeadline(record, calendar);
  if (!recomputed) return undefined;
  const nowMs = clock.nowMs();
  const { computedDeadlineMs, ...deadline } = recomputed;
  const backInTime = record.state === 'overdue' && deadline.deadlineMs > nowMs;
  const next: AccessRequestRecord = {
    ...record,
    ...deadline,
    ...(backInTime ? { state: 'pending' as const, overdueAtMs: null } : {}),
    updatedAtMs: nowMs,
  };
  if (!(await replaceAccessRequestDeadlineIf(trx, next, record))) return undefined;
  const provisional = isProvisional(next.deadlineBasis);
  await recordLedgerEvent(trx, clock, {
    kind: 'access_request.deadline_recomputed',
    access_request_id: next.id,
    listing_id: next.listingId,
    listing_revision: next.listingRevision,
    provider_organization_id: next.providerOrganizationId,
    buyer_organization_id: next.buyerOrganizationId,
    received_at_ms: next.receivedAtMs,
    previous_deadline_ms: record.deadlineMs,
    previous_deadline_basis: record.deadlineBasis,
    computed_deadline_ms: computedDeadlineMs,
    deadline_ms: next.deadlineMs,
    deadline_basis: next.deadlineBasis,
    deadline_provisional: provisional,
    state: next.state,
  });
  await recordAudit(trx, {
    ...actor,
    organizationId: next.providerOrganizationId,
    action: 'access_request.deadline_recomputed',
    target: next.id,
    atMs: nowMs,
    details: {
      previousDeadlineMs: record.deadlineMs,
      computedDeadlineMs,
      deadlineMs: next.deadlineMs,
      deadlineBasis: next.deadlineBasis,
      state: next.state,
    },
  });
  await notifyParties(trx, clock, 'access_request.deadline_recomputed', next, {
    previousDeadlineMs: record.deadlineMs,
  });
  return {
    accessRequestId: next.id,
    previousDeadlineMs: record.deadlineMs,
    deadlineMs: next.deadlineMs,
    deadlineBasis: next.deadlineBasis,
    state: next.state,
  };
}

/** Every open request (pending or overdue), a page at a time, in id order. */
export async function* openAccessRequests(db: Queryable): AsyncGenerator<AccessRequestRecord> {
  let afterId: string | undefined;
  for (;;) {
    const rows = await listAccessRequests(db, { states: OPEN_STATES }, { limit: PAGE, afterId });
    yield* rows;
    if (rows.length < PAGE) return;
    afterId = rows[rows.length - 1].id;
  }
}

/** Recomputes every open request inside one transaction `trx` (an import: all or nothing). */
export async function recomputeOpenDeadlinesIn(
  trx: Queryable,
  clock: Clock,
  calendar: WorkingDayCalendar,
  actor: RecomputeActor,
): Promise<RecomputedDeadline[]> {
  const changed: RecomputedDeadline[] = [];
  for await (const record of openAccessRequests(trx)) {
    const result = await recomputeOpenDeadline(trx, clock, calendar, record, actor);
    if (result) changed.push(result);
  }
  return changed;
}

/** Recomputes every open request, each in its own short transaction (the gateway's own check). */
export async function recomputeOpenDeadlinesEach(
  db: Database,
  clock: Clock,
  calendar: WorkingDayCalendar,
  actor: RecomputeActor,
): Promise<RecomputedDeadline[]> {
  const changed: RecomputedDeadline[] = [];
  for await (const record of openAccessRequests(db)) {
    const result = await db.transaction((trx) =>
      recomputeOpenDeadline(trx, clock, calendar, record, actor),
    );
    if (result) changed.push(result);
  }
  return changed;
}
