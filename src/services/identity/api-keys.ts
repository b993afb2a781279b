// API keys: created (shown once), listed and revoked by admins; every change is audited.
import { findMember } from '../../store/repositories/members.js';
import {
  findApiKey,
  insertApiKey,
  listApiKeys,
  markApiKeyRevoked,
  type ApiKeyRecord,
} from '../../store/repositories/api-keys.js';
import type { Queryable } from '../../store/db.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, validationFailed } from '../errors.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { generateApiKeySecret } from './api-key-secret.js';
import { validName } from '../valid-name.js';

export interface NewApiKey {
  readonly memberId: string;
  readonly label: string;
  /** Absent: the key never expires. Must lie in the future. */
  readonly expiresAtMs?: number;
}

/** The one response that carries the key itself; it is never retrievable again. */
export interface IssuedApiKey {
  readonly apiKey: ApiKeyRecord;
  readonly key: string;
}

export interface ApiKeyFilter extends PageRequest {
  readonly memberId?: string;
  readonly organizationId?: string;
}

export class ApiKeyService {
  constructor(private readonly deps: ServiceDeps) {}

  async createApiKey(context: RequestContext, input: NewApiKey): Promise<IssuedApiKey> {
    requireRole(context.principal, 'admin');
    return this.deps.db.transaction(async (trx) => {
      const issued = await issueApiKeyRecord(trx, this.deps, input);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: await organizationOfMember(trx, input.memberId),
        action: 'api_key.created',
        target: issued.apiKey.id,
        details: { memberId: input.memberId, prefix: issued.apiKey.prefix },
      });
      return issued;
    });
  }

  /** Revokes a key; revoking a revoked key changes nothing and is not an error. */
  async revokeApiKey(context: RequestContext, id: string): Promise<ApiKeyRecord> {
    requireRole(context.principal, 'admin');
    return this.deps.db.transaction(async (trx) => {
      const existing = await findApiKey(trx, id);
      if (!existing) throw notFound('api_key', id);
      if (existing.revokedAtMs !== null) return existing;
      const atMs = this.deps.clock.nowMs();
      await markApiKeyRevoked(trx, id, atMs);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: await organizationOfMember(trx, existing.memberId),
        action: 'api_key.revoked',
        target: id,
        details: { memberId: existing.memberId, prefix: existing.prefix },
      });
      return { ...existing, revokedAtMs: atMs };
    });
  }

  async listApiKeys(context: RequestContext, filter: ApiKeyFilter): Promise<Page<ApiKeyRecord>> {
    requireRole(context.principal, 'admin');
    const limit = pageLimit(filter);
    const rows = await listApiKeys(this.deps.db, {
      memberId: filter.memberId,
      organizationId: filter.organizationId,
      limit: limit + 1,
      afterId: filter.cursor,
    });
    return toPage(rows, limit, (apiKey) => apiKey.id);
  }
}

/** Issues a key for a member within `trx` (callers write the audit row). */
export async function issueApiKeyRecord(
  trx: Queryable,
  deps: Pick<ServiceDeps, 'clock' | 'ids'>,
  input: NewApiKey,
): Promise<IssuedApiKey> {
  const nowMs = deps.clock.nowMs();
  if (input.expiresAtMs !== undefined && input.expiresAtMs <= nowMs) {
    throw validationFailed('expiry must lie in the future', [
      { field: 'expiresAtMs', reason: 'must be later than now' },
    ]);
  }
  if (!(await findMember(trx, input.memberId))) throw notFound('member', input.memberId);
  const secret = generateApiKeySecret();
  const apiKey: ApiKeyRecord = {
    id: deps.ids.newId('key'),
    memberId: input.memberId,
    prefix: secret.prefix,
    label: validName('label', input.label),
    createdAtMs: nowMs,
    expiresAtMs: input.expiresAtMs ?? null,
    revokedAtMs: null,
    lastUsedAtMs: null,
  };
  await insertApiKey(trx, apiKey, secret.keyHash);
  return { apiKey, key: secret.key };
}

async function organizationOfMember(trx: Queryable, memberId: string): Promise<string | null> {
  return (await findMember(trx, memberId))?.organizationId ?? null;
}
