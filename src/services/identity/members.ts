// Members of organizations and their roles: added and listed by admins.
import type { Role } from '../../domain/index.js';
import type { Queryable } from '../../store/db.js';
import { findOrganization } from '../../store/repositories/organizations.js';
import {
  findMember,
  insertMember,
  listMembers,
  type MemberRecord,
} from '../../store/repositories/members.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, validationFailed } from '../errors.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { validName } from '../valid-name.js';

export interface NewMember {
  readonly organizationId: string;
  readonly displayName: string;
  /** At least one; duplicates are ignored. */
  readonly roles: readonly Role[];
}

export interface MemberFilter extends PageRequest {
  readonly organizationId?: string;
  readonly role?: Role;
}

export class MemberService {
  constructor(private readonly deps: ServiceDeps) {}

  async addMember(context: RequestContext, input: NewMember): Promise<MemberRecord> {
    requireRole(context.principal, 'admin');
    return this.deps.db.transaction(async (trx) => {
      const member = await addMemberRecord(trx, this.deps, input);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: member.organizationId,
        action: 'member.added',
        target: member.id,
        details: { roles: member.roles },
      });
      return member;
    });
  }

  async listMembers(context: RequestContext, filter: MemberFilter): Promise<Page<MemberRecord>> {
    requireRole(context.principal, 'admin');
    const limit = pageLimit(filter);
    const rows = await listMembers(this.deps.db, {
      organizationId: filter.organizationId,
      role: filter.role,
      limit: limit + 1,
      afterId: filter.cursor,
    });
    return toPage(rows, limit, (member) => member.id);
  }

  /** A member of the caller's own organization, or any member for admins. */
  async getMember(context: RequestContext, id: string): Promise<MemberRecord> {
    const member = await findMember(this.deps.db, id);
    const visible =
      member !== undefined &&
      (member.organizationId === context.principal.organizationId ||
        hasRole(context.principal, 'admin'));
    if (!visible) throw notFound('member', id);
    return member;
  }
}

/** Validates and inserts a member within `trx` (callers write the audit row). */
export async function addMemberRecord(
  trx: Queryable,
  deps: Pick<ServiceDeps, 'clock' | 'ids'>,
  input: NewMember,
): Promise<MemberRecord> {
  const roles = [...new Set(input.roles)].sort();
  if (roles.length === 0) {
    throw validationFailed('a member needs at least one role', [
      { field: 'roles', reason: 'must hold at least one role' },
    ]);
  }
  if (!(await findOrganization(trx, input.organizationId))) {
    throw notFound('organization', input.organizationId);
  }
  const member: MemberRecord = {
    id: deps.ids.newId('mem'),
    organizationId: input.organizationId,
    displayName: validName('displayName', input.displayName),
    roles,
    createdAtMs: deps.clock.nowMs(),
  };
  await insertMember(trx, member);
  return member;
}
