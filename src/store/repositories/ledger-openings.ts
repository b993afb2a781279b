// Rows of `ledger_openings`: the salts and values behind an event's commitments, and its parties.
import type { EntryOpenings } from '../../core/ledger/index.js';
import type { Knex } from 'knex';
import type { Queryable } from '../db.js';

export interface LedgerOpeningsRow {
  readonly outboxId: number;
  readonly partyOrganizationIds: readonly string[];
  readonly openings: EntryOpenings;
}

interface Row {
  outbox_id: number;
  party_organization_ids_json: string;
  openings_json: string;
}

const toOpenings = (row: Row): LedgerOpeningsRow => ({
  outboxId: Number(row.outbox_id),
  partyOrganizationIds: JSON.parse(row.party_organization_ids_json) as string[],
  openings: JSON.parse(row.openings_json) as EntryOpenings,
});

/** Inserts the openings of several events in one statement. */
export async function insertLedgerOpenings(
  db: Queryable,
  rows: readonly LedgerOpeningsRow[],
): Promise<void> {
  await ledgerOpeningsInsert(db, rows);
}

/** insertLedgerOpenings not yet run (to run with other writes); undefined when `rows` is empty. */
export function ledgerOpeningsInsert(
  db: Queryable,
  rows: readonly LedgerOpeningsRow[],
): Knex.QueryBuilder | undefined {
  if (rows.length === 0) return undefined;
  return db('ledger_openings').insert(
    rows.map((row) => ({
      outbox_id: row.outboxId,
      party_organization_ids_json: JSON.stringify(row.partyOrganizationIds),
      openings_json: JSON.stringify(row.openings),
    })),
  );
}

export async function findLedgerOpenings(
  db: Queryable,
  outboxId: number,
): Promise<LedgerOpeningsRow | undefined> {
  const row = (await db('ledger_openings').where({ outbox_id: outboxId }).first()) as
    Row | undefined;
  return row && toOpenings(row);
}

/** The openings of many events at once, by outbox id. */
export async function selectLedgerOpenings(
  db: Queryable,
  outboxIds: readonly number[],
): Promise<Map<number, LedgerOpeningsRow>> {
  const found = new Map<number, LedgerOpeningsRow>();
  for (let start = 0; start < outboxIds.length; start += 500) {
    const rows = (await db('ledger_openings').whereIn(
      'outbox_id',
      outboxIds.slice(start, start + 500),
    )) as Row[];
    for (const row of rows) found.set(Number(row.outbox_id), toOpenings(row));
  }
  return found;
}
