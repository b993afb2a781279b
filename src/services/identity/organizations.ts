// Organizations on the exchange: created and listed by admins; members may read their own.
import type { OrganizationKind } from '../../domain/index.js';
import type { Queryable } from '../../store/db.js';
import { isValidUscc } from '../../core/detect/validators/cn-uscc.js';
import {
  findOrganization,
  findOrganizationByUscc,
  insertOrganization,
  listOrganizations,
  type OrganizationRecord,
} from '../../store/repositories/organizations.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, ServiceError, validationFailed } from '../errors.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { validName } from '../valid-name.js';

export interface NewOrganization {
  readonly name: string;
  /** Unified social credit code, GB 32100 (18 characters with a check character). */
  readonly uscc: string;
  readonly kind: OrganizationKind;
}

export class OrganizationService {
  constructor(private readonly deps: ServiceDeps) {}

  async createOrganization(
    context: RequestContext,
    input: NewOrganization,
  ): Promise<OrganizationRecord> {
    requireRole(context.principal, 'admin');
    return this.deps.db.transaction(async (trx) => {
      const organization = await createOrganizationRecord(trx, this.deps, input);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: organization.id,
        action: 'organization.created',
        target: organization.id,
        details: { kind: organization.kind },
      });
      return organization;
    });
  }

  async listOrganizations(
    context: RequestContext,
    request: PageRequest,
  ): Promise<Page<OrganizationRecord>> {
    requireRole(context.principal, 'admin');
    const limit = pageLimit(request);
    const rows = await listOrganizations(this.deps.db, {
      limit: limit + 1,
      afterId: request.cursor,
    });
    return toPage(rows, limit, (organization) => organization.id);
  }

  /** Any member may read any organization: who provides and who buys is public on the exchange. */
  async getOrganization(context: RequestContext, id: string): Promise<OrganizationRecord> {
    void context;
    const organization = await findOrganization(this.deps.db, id);
    if (!organization) throw notFound('organization', id);
    return organization;
  }
}

/**
 * Validates and inserts an organization within `trx` (no audit row: callers write theirs).
 * Shared with the first-start bootstrap, which has no principal yet.
 */
export async function createOrganizationRecord(
  trx: Queryable,
  deps: Pick<ServiceDeps, 'clock' | 'ids'>,
  input: NewOrganization,
): Promise<OrganizationRecord> {
  const uscc = input.uscc.trim().toUpperCase();
  if (!isValidUscc(uscc)) {
    throw validationFailed('invalid unified social credit code', [
      { field: 'uscc', reason: 'must be 18 characters of GB 32100 with a valid check character' },
    ]);
  }
  if (await findOrganizationByUscc(trx, uscc)) {
    throw new ServiceError(
      'conflict',
      'an organization with this unified social credit code exists',
      {
        details: { field: 'uscc' },
      },
    );
  }
  const organization: OrganizationRecord = {
    id: deps.ids.newId('org'),
    name: validName('name', input.name),
    uscc,
    kind: input.kind,
    createdAtMs: deps.clock.nowMs(),
  };
  await insertOrganization(trx, organization);
  return organization;
}
