// Rows of `console_sessions`, looked up by the hash of the cookie's token.
import type { Queryable } from '../db.js';

export interface ConsoleSessionRecord {
  readonly tokenHash: string;
  readonly apiKeyId: string;
  readonly memberId: string;
  readonly csrfToken: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly endedAtMs: number | null;
}

interface ConsoleSessionRow {
  token_hash: string;
  api_key_id: string;
  member_id: string;
  csrf_token: string;
  created_at_ms: number | string;
  expires_at_ms: number | string;
  ended_at_ms: number | string | null;
}

export async function insertConsoleSession(
  db: Queryable,
  record: ConsoleSessionRecord,
): Promise<void> {
  await db('console_sessions').insert({
    token_hash: record.tokenHash,
    api_key_id: record.apiKeyId,
    member_id: record.memberId,
    csrf_token: record.csrfToken,
    created_at_ms: record.createdAtMs,
    expires_at_ms: record.expiresAtMs,
    ended_at_ms: record.endedAtMs,
  });
}

export async function findConsoleSession(
  db: Queryable,
  tokenHash: string,
): Promise<ConsoleSessionRecord | undefined> {
  const row = await db<ConsoleSessionRow>('console_sessions')
    .where({ token_hash: tokenHash })
    .first();
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    apiKeyId: row.api_key_id,
    memberId: row.member_id,
    csrfToken: row.csrf_token,
    createdAtMs: Number(row.created_at_ms),
    expiresAtMs: Number(row.expires_at_ms),
    endedAtMs: row.ended_at_ms === null ? null : Number(row.ended_at_ms),
  };
}

export async function markConsoleSessionEnded(
  db: Queryable,
  tokenHash: string,
  atMs: number,
): Promise<void> {
  await db('console_sessions')
    .where({ token_hash: tokenHash })
    .whereNull('ended_at_ms')
    .update({ ended_at_ms: atMs });
}
