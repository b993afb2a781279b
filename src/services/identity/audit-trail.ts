// Reading the audit log: admins page through it, newest first, filtered by who, what and when.
import {
  listAuditEntries,
  type AuditEntryRecord,
  type AuditFilter,
} from '../../store/repositories/audit-log.js';
import type { ServiceDeps } from '../deps.js';
import { validationFailed } from '../errors.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';

/** The repository's filter, paged by the opaque cursor every list call takes. */
export type AuditQuery = PageRequest & Omit<AuditFilter, 'beforeId' | 'limit'>;

export class AuditTrailService {
  constructor(private readonly deps: ServiceDeps) {}

  async listAuditEntries(
    context: RequestContext,
    query: AuditQuery,
  ): Promise<Page<AuditEntryRecord>> {
    requireRole(context.principal, 'admin');
    const limit = pageLimit(query);
    let beforeId: number | undefined;
    if (query.cursor !== undefined) {
      beforeId = Number(query.cursor);
      if (!Number.isSafeInteger(beforeId) || beforeId < 1) {
        throw validationFailed('bad cursor', [
          { field: 'cursor', reason: 'not a cursor from a previous page' },
        ]);
      }
    }
    const rows = await listAuditEntries(this.deps.db, {
      organizationId: query.organizationId,
      actor: query.actor,
      action: query.action,
      target: query.target,
      fromMs: query.fromMs,
      toMs: query.toMs,
      beforeId,
      limit: limit + 1,
    });
    return toPage(rows, limit, (entry) => String(entry.id));
  }
}
