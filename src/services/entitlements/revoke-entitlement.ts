// Revoking one entitlement inside the caller's transaction: the row, then its ledger entry, audit
// row and notification (entitlement-change.ts). The entitlement service and the incident workflow share it.
import type { Clock } from '../../core/clock.js';
import type { Transaction } from '../../store/db.js';
import {
  revokeEntitlementIfActive,
  type EntitlementRecord,
} from '../../store/repositories/trades.js';
import type { RequestContext } from '../request-context.js';
import { recordEntitlementChange } from './entitlement-change.js';

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
  await recordEntitlementChange(trx, clock, context, entitlement, {
    kind: 'entitlement.revoked',
    reason: revocation.reason,
    incidentId: revocation.incidentId,
    entryFields: { revoked_as: revocation.revokedAs },
  });
  return {
    ...entitlement,
    state: 'revoked',
    revokedAtMs: nowMs,
    revokedBy: by,
    revocationReason: revocation.reason,
  };
}
