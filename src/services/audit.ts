// The audit trail every area writes: `recordAudit(trx, …)` inside the caller's own transaction, so
// a state change and its audit row commit or roll back together (seed Art. 49–50).
import type { Clock } from '../core/clock.js';
import type { Queryable } from '../store/db.js';
import { insertAuditEntries, type NewAuditEntry } from '../store/repositories/audit-log.js';
import type { RequestContext } from './request-context.js';

export interface AuditEvent {
  /** Member id of the actor, or `system:<name>` when the gateway acts on its own. */
  readonly actor: string;
  readonly apiKeyId?: string | null;
  /** The organization the action concerns; defaults to the actor's via auditBy. */
  readonly organizationId: string | null;
  /** Dotted `<aggregate>.<past-tense verb>`, e.g. `dataset.uploaded`, `api_key.revoked`. */
  readonly action: string;
  /** Id of the object acted upon. */
  readonly target: string;
  readonly requestId: string | null;
  readonly atMs: number;
  /** Identifiers, states and figures only: never data values, personal data or secrets. */
  readonly details?: Record<string, unknown>;
}

/** Appends one audit row within `trx`; returns its id. */
export async function recordAudit(trx: Queryable, event: AuditEvent): Promise<number> {
  return (await recordAudits(trx, [event]))[0];
}

/** recordAudit for several events in one statement (the order batch); ids in the order given. */
export async function recordAudits(
  trx: Queryable,
  events: readonly AuditEvent[],
): Promise<number[]> {
  return insertAuditEntries(trx, auditEntriesOf(events));
}

/** The audit rows of `events` (to insert with other writes: auditEntriesInsert, writeTogether). */
export function auditEntriesOf(events: readonly AuditEvent[]): NewAuditEntry[] {
  return events.map((event) => ({
    atMs: event.atMs,
    actor: event.actor,
    apiKeyId: event.apiKeyId ?? null,
    organizationId: event.organizationId,
    action: event.action,
    target: event.target,
    requestId: event.requestId,
    details: event.details ?? {},
  }));
}

/**
 * The who/when part of an audit event from a request context:
 * `recordAudit(trx, { ...auditBy(context, clock), action: 'dataset.uploaded', target: id })`.
 * Spread `organizationId` after it when the action concerns another organization.
 */
export function auditBy(
  context: RequestContext,
  clock: Clock,
): Pick<AuditEvent, 'actor' | 'apiKeyId' | 'organizationId' | 'requestId' | 'atMs'> {
  return {
    actor: context.principal.memberId,
    apiKeyId: context.principal.apiKeyId,
    organizationId: context.principal.organizationId,
    requestId: context.requestId,
    atMs: clock.nowMs(),
  };
}
