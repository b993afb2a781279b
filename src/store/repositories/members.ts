// Rows of `members` and `member_roles`: a member with the roles they hold, read and written together.
import type { Queryable } from '../db.js';
import type { Role } from '../../domain/index.js';

export interface MemberRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly createdAtMs: number;
}

interface MemberRow {
  id: string;
  organization_id: string;
  display_name: string;
  created_at_ms: number | string;
}

export async function insertMember(db: Queryable, record: MemberRecord): Promise<void> {
  await db('members').insert({
    id: record.id,
    organization_id: record.organizationId,
    display_name: record.displayName,
    created_at_ms: record.createdAtMs,
  });
  await db('member_roles').insert(record.roles.map((role) => ({ member_id: record.id, role })));
}

export async function findMember(db: Queryable, id: string): Promise<MemberRecord | undefined> {
  const [member] = await withRoles(db, await db<MemberRow>('members').where({ id }));
  return member;
}

/** Members ordered by id, optionally of one organization, after the `afterId` cursor. */
export async function listMembers(
  db: Queryable,
  filter: { organizationId?: string; role?: Role; limit: number; afterId?: string },
): Promise<MemberRecord[]> {
  const query = db<MemberRow>('members')
    .select('members.*')
    .orderBy('members.id')
    .limit(filter.limit);
  if (filter.organizationId !== undefined) query.where('organization_id', filter.organizationId);
  if (filter.afterId !== undefined) query.where('members.id', '>', filter.afterId);
  if (filter.role !== undefined) {
    query.whereExists(
      db('member_roles')
        .whereRaw('member_roles.member_id = members.id')
        .andWhere('member_roles.role', filter.role),
    );
  }
  return withRoles(db, await query);
}

async function withRoles(db: Queryable, rows: MemberRow[]): Promise<MemberRecord[]> {
  if (rows.length === 0) return [];
  const roleRows: { member_id: string; role: Role }[] = await db('member_roles')
    .whereIn(
      'member_id',
      rows.map((row) => row.id),
    )
    .orderBy('role');
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organization_id,
    displayName: row.display_name,
    roles: roleRows
      .filter((roleRow) => roleRow.member_id === row.id)
      .map((roleRow) => roleRow.role),
    createdAtMs: Number(row.created_at_ms),
  }));
}

/** Organizations with at least one admin member: the exchange authority escalations go to. */
export async function listAuthorityOrganizationIds(db: Queryable): Promise<string[]> {
  const rows = (await db('member_roles')
    .join('members', 'members.id', 'member_roles.member_id')
    .where('member_roles.role', 'admin')
    .distinct('members.organization_id')
    .orderBy('members.organization_id')) as { organization_id: string }[];
  return rows.map((row) => row.organization_id);
}
