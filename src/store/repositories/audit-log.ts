// Rows of `audit_log`: append and filtered paging (newest first, cursor by id).
import type { Knex } from 'knex';
import { returnedIds, type Queryable } from '../db.js';

export interface AuditEntryRecord {
  readonly id: number;
  readonly atMs: number;
  readonly actor: string;
  readonly apiKeyId: string | null;
  readonly organizationId: string | null;
  readonly action: string;
  readonly target: string;
  readonly requestId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export type NewAuditEntry = Omit<AuditEntryRecord, 'id'>;

export interface AuditFilter {
  readonly organizationId?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  readonly fromMs?: number;
  /** Exclusive upper bound. */
  readonly toMs?: number;
  /** Return entries with id below this cursor (the previous page's last id). */
  readonly beforeId?: number;
  readonly limit: number;
}

interface AuditRow {
  id: number | string;
  at_ms: number | string;
  actor: string;
  api_key_id: string | null;
  organization_id: string | null;
  action: string;
  target: string;
  request_id: string | null;
  details_json: string;
}

export async function insertAuditEntry(db: Queryable, entry: NewAuditEntry): Promise<number> {
  return (await insertAuditEntries(db, [entry]))[0];
}

/** Appends several audit rows in one statement; returns their ids in the order given. */
export async function insertAuditEntries(
  db: Queryable,
  entries: readonly NewAuditEntry[],
): Promise<number[]> {
  const insert = auditEntriesInsert(db, entries);
  return insert === undefined ? [] : returnedIds((await insert.returning('id')) as unknown[]);
}

/** insertAuditEntries not yet run, ids not returned (to run with other writes); undefined when none. */
export function auditEntriesInsert(
  db: Queryable,
  entries: readonly NewAuditEntry[],
): Knex.QueryBuilder | undefined {
  if (entries.length === 0) return undefined;
  return db('audit_log').insert(
    entries.map((entry) => ({
      at_ms: entry.atMs,
      actor: entry.actor,
      api_key_id: entry.apiKeyId,
      organization_id: entry.organizationId,
      action: entry.action,
      target: entry.target,
      request_id: entry.requestId,
      details_json: JSON.stringify(entry.details),
    })),
  );
}

export async function listAuditEntries(
  db: Queryable,
  filter: AuditFilter,
): Promise<AuditEntryRecord[]> {
  const query = db<AuditRow>('audit_log').orderBy('id', 'desc').limit(filter.limit);
  if (filter.organizationId !== undefined) query.where('organization_id', filter.organizationId);
  if (filter.actor !== undefined) query.where('actor', filter.actor);
  if (filter.action !== undefined) query.where('action', filter.action);
  if (filter.target !== undefined) query.where('target', filter.target);
  if (filter.fromMs !== undefined) query.where('at_ms', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query.where('at_ms', '<', filter.toMs);
  if (filter.beforeId !== undefined) query.where('id', '<', filter.beforeId);
  return (await query).map((row) => ({
    id: Number(row.id),
    atMs: Number(row.at_ms),
    actor: row.actor,
    apiKeyId: row.api_key_id,
    organizationId: row.organization_id,
    action: row.action,
    target: row.target,
    requestId: row.request_id,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
  }));
}
