// First start: when no admin exists yet, create the exchange operator's organization, an admin
// member and an admin API key, returned once so the gateway can print it and save DATA_DIR/admin.key.
import { computeUsccCheckCharacter } from '../../core/detect/validators/cn-uscc.js';
import { listMembers, type MemberRecord } from '../../store/repositories/members.js';
import type { OrganizationRecord } from '../../store/repositories/organizations.js';
import { recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { issueApiKeyRecord } from './api-keys.js';
import { addMemberRecord } from './members.js';
import { createOrganizationRecord } from './organizations.js';

/** The operator's placeholder code: Tianjin (120000) with an all-zero organization code. */
const OPERATOR_USCC_BODY = '91120000000000000';
export const OPERATOR_USCC = `${OPERATOR_USCC_BODY}${computeUsccCheckCharacter(OPERATOR_USCC_BODY)}`;

export type BootstrapOutcome =
  | { readonly kind: 'existing'; readonly administrator: MemberRecord }
  | {
      readonly kind: 'created';
      readonly organization: OrganizationRecord;
      readonly administrator: MemberRecord;
      /** The admin API key in clear: shown once, never stored. */
      readonly key: string;
    };

/**
 * Idempotent: creates the first administrator only when no member holds the admin role.
 * Two gateways starting at once on one PostgreSQL database both find no admin; the loser's
 * insert hits the unique code of the operator organization, and its retry finds the winner's.
 */
export async function ensureAdministrator(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'ids'>,
): Promise<BootstrapOutcome> {
  try {
    return await createAdministratorOnce(deps);
  } catch (error) {
    const outcome = await createAdministratorOnce(deps);
    if (outcome.kind === 'existing') return outcome;
    throw error;
  }
}

async function createAdministratorOnce(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'ids'>,
): Promise<BootstrapOutcome> {
  return deps.db.transaction(async (trx) => {
    const [existing] = await listMembers(trx, { role: 'admin', limit: 1 });
    if (existing) return { kind: 'existing', administrator: existing };
    const organization = await createOrganizationRecord(trx, deps, {
      name: 'anonex exchange operator',
      uscc: OPERATOR_USCC,
      kind: 'public-service',
    });
    const administrator = await addMemberRecord(trx, deps, {
      organizationId: organization.id,
      displayName: 'administrator',
      roles: ['admin'],
    });
    const issued = await issueApiKeyRecord(trx, deps, {
      memberId: administrator.id,
      label: 'first-start admin key',
    });
    const system = { actor: 'system:bootstrap', requestId: null, atMs: deps.clock.nowMs() };
    await recordAudit(trx, {
      ...system,
      organizationId: organization.id,
      action: 'organization.created',
      target: organization.id,
    });
    await recordAudit(trx, {
      ...system,
      organizationId: organization.id,
      action: 'member.added',
      target: administrator.id,
      details: { roles: administrator.roles },
    });
    await recordAudit(trx, {
      ...system,
      organizationId: organization.id,
      action: 'api_key.created',
      target: issued.apiKey.id,
      details: { memberId: administrator.id, prefix: issued.apiKey.prefix },
    });
    return { kind: 'created', organization, administrator, key: issued.key };
  });
}
