// An API key with the member holding it and the member's roles, read in one statement: every
// request authenticates, so the two lookups (key, then member and roles) would run on each.
import type { Role } from '../../domain/index.js';
import type { Queryable } from '../db.js';
import { toApiKeyRecord, type ApiKeyRecord, type ApiKeyRow } from './api-keys.js';
import type { MemberRecord } from './members.js';

export interface KeyHolder {
  readonly apiKey: ApiKeyRecord;
  /** Undefined when the key names no member. */
  readonly member: MemberRecord | undefined;
}

/** One row per role of the key's member (one with nulls when it has none, or no member). */
interface KeyHolderRow extends ApiKeyRow {
  holder_id: string | null;
  holder_organization_id: string | null;
  holder_display_name: string | null;
  holder_created_at_ms: number | string | null;
  holder_role: Role | null;
}

/**
 * What `findApiKeyByHash` and then `findMember` read (roles in the same order), or undefined when
 * no key has `keyHash`.
 */
export async function findKeyHolderByHash(
  db: Queryable,
  keyHash: string,
): Promise<KeyHolder | undefined> {
  return (await findKeyHoldersByHashes(db, [keyHash])).get(keyHash);
}

/**
 * `findKeyHolderByHash` for several hashes in one statement (requests authenticating at the same
 * moment); the map holds the hashes some key has.
 */
export async function findKeyHoldersByHashes(
  db: Queryable,
  keyHashes: readonly string[],
): Promise<Map<string, KeyHolder>> {
  const holders = new Map<string, KeyHolder>();
  if (keyHashes.length === 0) return holders;
  const rows = (await db('api_keys')
    .leftJoin('members', 'members.id', 'api_keys.member_id')
    .leftJoin('member_roles', 'member_roles.member_id', 'members.id')
    .whereIn('api_keys.key_hash', [...new Set(keyHashes)])
    .select(
      'api_keys.*',
      'members.id as holder_id',
      'members.organization_id as holder_organization_id',
      'members.display_name as holder_display_name',
      'members.created_at_ms as holder_created_at_ms',
      'member_roles.role as holder_role',
    )
    .orderBy(['api_keys.key_hash', 'member_roles.role'])) as KeyHolderRow[];
  const rowsOfKey = new Map<string, KeyHolderRow[]>();
  for (const row of rows) {
    const ofKey = rowsOfKey.get(row.key_hash);
    if (ofKey) ofKey.push(row);
    else rowsOfKey.set(row.key_hash, [row]);
  }
  for (const [keyHash, ofKey] of rowsOfKey) holders.set(keyHash, toKeyHolder(ofKey));
  return holders;
}

/** One key's rows (one per role of its member) as the key and its member. */
function toKeyHolder(rows: readonly KeyHolderRow[]): KeyHolder {
  const [first] = rows;
  const member: MemberRecord | undefined =
    first.holder_id === null
      ? undefined
      : {
          id: first.holder_id,
          organizationId: first.holder_organization_id as string,
          displayName: first.holder_display_name as string,
          roles: rows.flatMap((row) => (row.holder_role === null ? [] : [row.holder_role])),
          createdAtMs: Number(first.holder_created_at_ms),
        };
  return { apiKey: toApiKeyRecord(first), member };
}
