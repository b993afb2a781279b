// The one interface through which services record ledger events: inside their own transaction,
// so an approval, listing or trade and its ledger entry commit or roll back together.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db.js';
import { insertOutboxEvents } from '../store/repositories/ledger.js';
import {
  insertLedgerOpenings,
  type LedgerOpeningsRow,
} from '../store/repositories/ledger-openings.js';
import type { Clock } from '../core/clock.js';
import { canonicalJson } from '../core/canonical-json.js';
import { COMMITMENT_SALT_BYTES, commitFields } from '../core/ledger/index.js';

/** Kinds of events the ledger records (seed Art. 19, 29, 45, 54). */
export const LEDGER_EVENT_KINDS = [
  'report.approved',
  'report.rejected',
  'listing.published',
  'listing.suspended',
  'listing.retired',
  'listing.revoked',
  'access_request.decided',
  'access_request.disputed',
  'access_request.deadline_recomputed',
  'trade',
  'entitlement.revoked',
  'entitlement.suspended',
  'entitlement.resumed',
  'key.rotated',
  'incident.filed',
  'incident.attributed',
  'incident.suspended',
  'incident.closed',
] as const;
export type LedgerEventKind = (typeof LEDGER_EVENT_KINDS)[number];

/**
 * A ledger event: identifiers of organizations and hashes of documents only, never personal
 * data or data values (the ledger is public to every holder of the exchange certificate).
 */
export interface LedgerEvent {
  readonly kind: LedgerEventKind;
  readonly [field: string]: unknown;
}

/**
 * The commercial fields of each kind, which the public log holds only as salted commitments
 * (docs/ledger-privacy.md): who bought, at what price, for what purpose, which columns and for how
 * long. What verification and Art. 17 accountability need stays public: kinds, identifiers of
 * trades, listings and requests, the provider, document hashes, decisions, deadlines and times.
 */
export const COMMITTED_FIELDS: Readonly<Partial<Record<LedgerEventKind, readonly string[]>>> = {
  trade: [
    'buyer_organization_id',
    'access_request_id',
    'price_fen',
    'purpose',
    'entitlement',
    'fingerprint',
  ],
  'access_request.decided': [
    'buyer_organization_id',
    'purpose',
    'approved_columns',
    'approved_duration_days',
    'refusal_sha256',
  ],
  'access_request.disputed': ['buyer_organization_id', 'statement_sha256'],
  'access_request.deadline_recomputed': ['buyer_organization_id'],
  'entitlement.revoked': ['buyer_organization_id'],
  // The incident is committed to: a public incident id next to a public trade id would name the
  // accused trade, which `incident.suspended` keeps out of the public log.
  'entitlement.suspended': ['buyer_organization_id', 'incident_id'],
  'entitlement.resumed': ['buyer_organization_id', 'incident_id'],
  // Leak incidents (issue 19): that an incident on a listing was filed, attributed, suspended and
  // closed is public; the copy, the verdict, the trade and buyer named, and the resolution are not
  // (an accusation is not a finding: the public log must not name a buyer).
  'incident.filed': ['leaked_copy_sha256'],
  'incident.attributed': [
    'verdict',
    'trade_id',
    'buyer_organization_id',
    'false_accusation_probability',
  ],
  'incident.suspended': ['trade_id', 'buyer_organization_id', 'entitlement_ids'],
  'incident.closed': ['resolution', 'buyer_organization_id'],
};

/** Organizations named by the event (`*_organization_id`): the parties who may read its openings. */
function partiesOf(event: LedgerEvent): string[] {
  const parties = Object.entries(event)
    .filter(([field, value]) => field.endsWith('_organization_id') && typeof value === 'string')
    .map(([, value]) => value as string);
  return [...new Set(parties)].sort();
}

/**
 * Appends `event` to the outbox within `trx`; returns the outbox id. The fields COMMITTED_FIELDS
 * names for its kind go into the entry as salted commitments, and their openings (fresh 32-byte
 * salts and the values) into `ledger_openings`, in the same transaction.
 */
export async function recordLedgerEvent(
  trx: Queryable,
  clock: Clock,
  event: LedgerEvent,
): Promise<number> {
  return (await recordLedgerEvents(trx, clock, [event]))[0];
}

/**
 * Appends several events in one statement (the order batch); returns their outbox ids in the order
 * given, which is the order the sequencer will log them in. Each event's committed fields are
 * committed and their openings stored as `recordLedgerEvent` says.
 */
export async function recordLedgerEvents(
  trx: Queryable,
  clock: Clock,
  events: readonly LedgerEvent[],
): Promise<number[]> {
  const { outboxIds, openings } = await appendLedgerEvents(trx, clock, events);
  await insertLedgerOpenings(trx, openings);
  return outboxIds;
}

/**
 * recordLedgerEvents up to the openings, which it returns for the caller to insert in the same
 * transaction (with its other writes: ledgerOpeningsInsert, writeTogether).
 */
export async function appendLedgerEvents(
  trx: Queryable,
  clock: Clock,
  events: readonly LedgerEvent[],
): Promise<{ outboxIds: number[]; openings: LedgerOpeningsRow[] }> {
  const recordedAtMs = clock.nowMs();
  const nextSalt = saltsFor(
    events.reduce((count, event) => count + (COMMITTED_FIELDS[event.kind] ?? []).length, 0),
  );
  const committed = events.map((event) =>
    commitFields(event, COMMITTED_FIELDS[event.kind] ?? [], nextSalt),
  );
  const outboxIds = await insertOutboxEvents(
    trx,
    events.map((event, position) => ({
      kind: event.kind,
      entryJson: canonicalJson({ ...committed[position].entry, recorded_at_ms: recordedAtMs }),
      recordedAtMs,
    })),
  );
  return {
    outboxIds,
    openings: committed.flatMap(({ openings }, position) =>
      Object.keys(openings).length === 0
        ? []
        : [
            {
              outboxId: outboxIds[position],
              partyOrganizationIds: partiesOf(events[position]),
              openings,
            },
          ],
    ),
  };
}

/**
 * Up to `count` distinct salts cut from one draw of the CSPRNG, each handed out once: a draw per
 * salt cost about 1.5 % of the gateway's main thread under order load (several salts per trade).
 */
function saltsFor(count: number): () => Uint8Array {
  const pool = randomBytes(COMMITMENT_SALT_BYTES * count);
  let offset = 0;
  return () => {
    // More salts than counted would be empty ones: an unsalted commitment can be guessed back.
    if (offset + COMMITMENT_SALT_BYTES > pool.length) throw new Error('commitment salts exhausted');
    const salt = pool.subarray(offset, offset + COMMITMENT_SALT_BYTES);
    offset += COMMITMENT_SALT_BYTES;
    return salt;
  };
}
