// Resolves a bearer API key to the acting Principal; every failure is the same `unauthenticated`.
import { markApiKeyUsed } from '../../store/repositories/api-keys.js';
import { findKeyHoldersByHashes, type KeyHolder } from '../../store/repositories/key-holders.js';
import { CoalescedRead } from '../coalesced-read.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import type { Principal } from '../principal.js';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.js';

/** last_used_at_ms is refreshed at most this often, so reads do not all become writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Why a key was refused; kept in `details` for logs, never distinguishing in the message. */
export type AuthenticationFailure = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired';

export class AuthenticationService {
  /** Keys presented at the same moment are looked up in one statement (coalesced-read.ts). */
  private readonly holders: CoalescedRead<string, KeyHolder>;

  constructor(private readonly deps: ServiceDeps) {
    this.holders = new CoalescedRead((keyHashes) => findKeyHoldersByHashes(deps.readDb, keyHashes));
  }

  /** Requires a presented key (the bearer token); throws `unauthenticated` when it cannot act. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (token === undefined || token === '') throw unauthenticated('missing');
    if (!looksLikeApiKey(token)) throw unauthenticated('malformed');
    const holder = await this.holders.read(hashApiKey(token));
    if (!holder) throw unauthenticated('unknown');
    const { apiKey, member } = holder;
    const nowMs = this.deps.clock.nowMs();
    if (apiKey.revokedAtMs !== null) throw unauthenticated('revoked');
    if (apiKey.expiresAtMs !== null && apiKey.expiresAtMs <= nowMs)
      throw unauthenticated('expired');
    if (!member) throw unauthenticated('unknown');
    if (apiKey.lastUsedAtMs === null || nowMs - apiKey.lastUsedAtMs >= LAST_USED_RESOLUTION_MS) {
      await markApiKeyUsed(this.deps.db, apiKey.id, nowMs);
    }
    return Object.freeze({
      memberId: member.id,
      organizationId: member.organizationId,
      roles: member.roles,
      apiKeyId: apiKey.id,
    });
  }
}

function unauthenticated(failure: AuthenticationFailure): ServiceError {
  const message = failure === 'missing' ? 'an API key is required' : 'the API key is not valid';
  return new ServiceError('unauthenticated', message, { details: { failure } });
}
