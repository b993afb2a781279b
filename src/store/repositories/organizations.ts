// Rows of `organizations`: insert, find and page; no business rules (those live in services).
import type { OrganizationKind } from '../../domain/index.js';
import type { Queryable } from '../db.js';

export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly uscc: string;
  readonly kind: OrganizationKind;
  readonly createdAtMs: number;
}

interface OrganizationRow {
  id: string;
  name: string;
  uscc: string;
  kind: string;
  created_at_ms: number | string;
}

const toRecord = (row: OrganizationRow): OrganizationRecord => ({
  id: row.id,
  name: row.name,
  uscc: row.uscc,
  kind: row.kind as OrganizationKind,
  createdAtMs: Number(row.created_at_ms),
});

export async function insertOrganization(db: Queryable, record: OrganizationRecord): Promise<void> {
  await db('organizations').insert({
    id: record.id,
    name: record.name,
    uscc: record.uscc,
    kind: record.kind,
    created_at_ms: record.createdAtMs,
  });
}

export async function findOrganization(
  db: Queryable,
  id: string,
): Promise<OrganizationRecord | undefined> {
  const row = await db<OrganizationRow>('organizations').where({ id }).first();
  return row ? toRecord(row) : undefined;
}

export async function findOrganizationByUscc(
  db: Queryable,
  uscc: string,
): Promise<OrganizationRecord | undefined> {
  const row = await db<OrganizationRow>('organizations').where({ uscc }).first();
  return row ? toRecord(row) : undefined;
}

/** Organizations ordered by id, after the `afterId` cursor when given. */
export async function listOrganizations(
  db: Queryable,
  page: { limit: number; afterId?: string },
): Promise<OrganizationRecord[]> {
  const query = db<OrganizationRow>('organizations').orderBy('id').limit(page.limit);
  if (page.afterId !== undefined) query.where('id', '>', page.afterId);
  return (await query).map(toRecord);
}
