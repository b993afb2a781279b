// Revoking one entitlement inside the caller's transaction: the row, its ledger entry, the audit row
// and the notification to both parties. The entitlement service and the incident workflow share it.
import type { Clock } from '../../core/clock.js';
import type { Transaction } from '../../store/db.js';
import {
  revokeEntitlementIfActive,
  type EntitlementRecord,
} from '../../store/repositories/trades.js';
import { auditBy, recordAudit } from '../audit.js';
import { publishEvent } from '../events/index.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import type { RequestContext } from '../request-context.js';

export interface Revocation {
  readonly reason: string;
  /** `provider`: the listing's own provider; `authority`: the exchange. */
  readonly revokedAs: 'provider' | 'authority';
  /** The incident the revocation follows from, if any (in the event's payload). */
  readonly incidentId?: string;
}

/**
 * Revokes `entitlement` if it is still active; returns the revoked record, or undefined when it
 * was not active (revoked meanwhile: nothing is written).
 */
export async function revokeEntitlementInTransaction(
  trx: Transaction,
  clock: Clock,
  context: RequestContext,
  entitlement: EntitlementRecord,
  revocation: Revocation,
): Promise<EntitlementRecord | undefined> {
  const nowMs = clock.nowMs();
  const by = context.principal.memberId;
  const id = entitlement.id;
  if (!(await revokeEntitlementIfActive(trx, id, { atMs: nowMs, by, reason: revocation.reason })))
    return undefined;
  await recordLedgerEvent(trx, clock, {
    kind: 'entitlement.revoked',
    entitlement_id: id,
    trade_id: entitlement.tradeId,
    listing_id: entitlement.listingId,
    listing_revision: entitlement.listingRevision,
    provider_organization_id: entitlement.providerOrganizationId,
    buyer_organization_id: entitlement.buyerOrganizationId,
    revoked_as: revocation.revokedAs,
  });
  await recordAudit(trx, {
    ...auditBy(context, clock),
    organizationId: entitlement.providerOrganizationId,
    action: 'entitlement.revoked',
    target: id,
    details: {
      tradeId: entitlement.tradeId,
      buyerOrganizationId: entitlement.buyerOrganizationId,
      ...(revocation.incidentId === undefined ? {} : { incidentId: revocation.incidentId }),
    },
  });
  await publishEvent(trx, clock, {
    kind: 'entitlement.revoked',
    organizationIds: [entitlement.buyerOrganizationId, entitlement.providerOrganizationId],
    subjectId: id,
    payload: {
      entitlementId: id,
      tradeId: entitlement.tradeId,
      listingId: entitlement.listingId,
      reason: revocation.reason,
      ...(revocation.incidentId === undefined ? {} : { incidentId: revocation.incidentId }),
    },
  });
  return {
    ...entitlement,
    state: 'revoked',
    revokedAtMs: nowMs,
    revokedBy: by,
    revocationReason: revocation.reason,
  };
}
