// The one interface through which services record ledger events: inside their own transaction,
// so an approval, listing or trade and its ledger entry commit or roll back together.
import type { Queryable } from '../store/db.js';
import { insertOutboxEvents } from '../store/repositories/ledger.js';
import type { Clock } from '../core/clock.js';
import { canonicalJson } from '../core/canonical-json.js';

/** Kinds of events the ledger records (seed Art. 19, 29, 45, 54). */
export type LedgerEventKind =
  | 'report.approved'
  | 'report.rejected'
  | 'listing.published'
  | 'listing.suspended'
  | 'listing.retired'
  | 'listing.revoked'
  | 'access_request.decided'
  | 'access_request.disputed'
  | 'access_request.deadline_recomputed'
  | 'trade'
  | 'entitlement.revoked'
  | 'key.rotated';

/**
 * A ledger event: identifiers of organizations and hashes of documents only, never personal
 * data or data values (the ledger is public to every holder of the exchange certificate).
 */
export interface LedgerEvent {
  readonly kind: LedgerEventKind;
  readonly [field: string]: unknown;
}

/** Appends `event` to the outbox within `trx`; returns the outbox id. */
export async function recordLedgerEvent(
  trx: Queryable,
  clock: Clock,
  event: LedgerEvent,
): Promise<number> {
  return (await recordLedgerEvents(trx, clock, [event]))[0];
}

/**
 * Appends several events in one statement (the order batch); returns their outbox ids in the order
 * given, which is the order the sequencer will log them in.
 */
export async function recordLedgerEvents(
  trx: Queryable,
  clock: Clock,
  events: readonly LedgerEvent[],
): Promise<number[]> {
  const recordedAtMs = clock.nowMs();
  return insertOutboxEvents(
    trx,
    events.map((event) => ({
      kind: event.kind,
      entryJson: canonicalJson({ ...event, recorded_at_ms: recordedAtMs }),
      recordedAtMs,
    })),
  );
}
