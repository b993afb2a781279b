// What every change of an entitlement's state writes beside the row, inside the caller's
// transaction: its ledger entry, the audit row and the notification to both parties. Revocation,
// suspension and resumption (issue 19) share it.
import type { Clock } from '../../core/clock.js';
import type { Transaction } from '../../store/db.js';
import type { EntitlementRecord } from '../../store/repositories/trades.js';
import { auditBy, recordAudit } from '../audit.js';
import { publishEvent } from '../events/index.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import type { RequestContext } from '../request-context.js';

export interface EntitlementChange {
  readonly kind: 'entitlement.revoked' | 'entitlement.suspended' | 'entitlement.resumed';
  readonly reason: string;
  /** The incident the change follows from, if any (in the audit row and the event). */
  readonly incidentId?: string;
  /** Entry fields beyond the entitlement's own (`revoked_as`, `incident_id`). */
  readonly entryFields: Readonly<Record<string, unknown>>;
}

/** The fields every ledger entry about one entitlement carries. */
export function entitlementLedgerFields(entitlement: EntitlementRecord): Record<string, unknown> {
  return {
    entitlement_id: entitlement.id,
    trade_id: entitlement.tradeId,
    listing_id: entitlement.listingId,
    listing_revision: entitlement.listingRevision,
    provider_organization_id: entitlement.providerOrganizationId,
    buyer_organization_id: entitlement.buyerOrganizationId,
  };
}

export async function recordEntitlementChange(
  trx: Transaction,
  clock: Clock,
  context: RequestContext,
  entitlement: EntitlementRecord,
  change: EntitlementChange,
): Promise<void> {
  const id = entitlement.id;
  const incident = change.incidentId === undefined ? {} : { incidentId: change.incidentId };
  await recordLedgerEvent(trx, clock, {
    kind: change.kind,
    ...entitlementLedgerFields(entitlement),
    ...change.entryFields,
  });
  await recordAudit(trx, {
    ...auditBy(context, clock),
    organizationId: entitlement.providerOrganizationId,
    action: change.kind,
    target: id,
    details: {
      tradeId: entitlement.tradeId,
      buyerOrganizationId: entitlement.buyerOrganizationId,
      ...incident,
    },
  });
  await publishEvent(trx, clock, {
    kind: change.kind,
    organizationIds: [entitlement.buyerOrganizationId, entitlement.providerOrganizationId],
    subjectId: id,
    payload: {
      entitlementId: id,
      tradeId: entitlement.tradeId,
      listingId: entitlement.listingId,
      reason: change.reason,
      ...incident,
    },
  });
}
