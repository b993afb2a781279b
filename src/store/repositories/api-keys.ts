// Rows of `api_keys`: only hashes are stored; lookups go by the hash of the presented key.
import type { Queryable } from '../db.js';

export interface ApiKeyRecord {
  readonly id: string;
  readonly memberId: string;
  readonly prefix: string;
  readonly label: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number | null;
  readonly revokedAtMs: number | null;
  readonly lastUsedAtMs: number | null;
}

export interface ApiKeyRow {
  id: string;
  member_id: string;
  key_hash: string;
  prefix: string;
  label: string;
  created_at_ms: number | string;
  expires_at_ms: number | string | null;
  revoked_at_ms: number | string | null;
  last_used_at_ms: number | string | null;
}

const optionalMs = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

/** The record of an `api_keys` row (also read joined with its member: key-holders.ts). */
export const toApiKeyRecord = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  memberId: row.member_id,
  prefix: row.prefix,
  label: row.label,
  createdAtMs: Number(row.created_at_ms),
  expiresAtMs: optionalMs(row.expires_at_ms),
  revokedAtMs: optionalMs(row.revoked_at_ms),
  lastUsedAtMs: optionalMs(row.last_used_at_ms),
});

export async function insertApiKey(
  db: Queryable,
  record: ApiKeyRecord,
  keyHash: string,
): Promise<void> {
  await db('api_keys').insert({
    id: record.id,
    member_id: record.memberId,
    key_hash: keyHash,
    prefix: record.prefix,
    label: record.label,
    created_at_ms: record.createdAtMs,
    expires_at_ms: record.expiresAtMs,
    revoked_at_ms: record.revokedAtMs,
    last_used_at_ms: record.lastUsedAtMs,
  });
}

export async function findApiKeyByHash(
  db: Queryable,
  keyHash: string,
): Promise<ApiKeyRecord | undefined> {
  const row = await db<ApiKeyRow>('api_keys').where({ key_hash: keyHash }).first();
  return row ? toApiKeyRecord(row) : undefined;
}

export async function findApiKey(db: Queryable, id: string): Promise<ApiKeyRecord | undefined> {
  const row = await db<ApiKeyRow>('api_keys').where({ id }).first();
  return row ? toApiKeyRecord(row) : undefined;
}

/** Keys ordered by id, optionally of one member or one organization's members. */
export async function listApiKeys(
  db: Queryable,
  filter: { memberId?: string; organizationId?: string; limit: number; afterId?: string },
): Promise<ApiKeyRecord[]> {
  const query = db<ApiKeyRow>('api_keys')
    .select('api_keys.*')
    .orderBy('api_keys.id')
    .limit(filter.limit);
  if (filter.memberId !== undefined) query.where('api_keys.member_id', filter.memberId);
  if (filter.organizationId !== undefined) {
    query
      .join('members', 'members.id', 'api_keys.member_id')
      .where('members.organization_id', filter.organizationId);
  }
  if (filter.afterId !== undefined) query.where('api_keys.id', '>', filter.afterId);
  return (await query).map(toApiKeyRecord);
}

export async function markApiKeyRevoked(db: Queryable, id: string, atMs: number): Promise<void> {
  await db('api_keys').where({ id }).whereNull('revoked_at_ms').update({ revoked_at_ms: atMs });
}

export async function markApiKeyUsed(db: Queryable, id: string, atMs: number): Promise<void> {
  await db('api_keys').where({ id }).update({ last_used_at_ms: atMs });
}
