// What callers see of an entitlement: the record plus its status at the time of asking.
import type { EntitlementStatus } from '../../domain/index.js';
import type { EntitlementRecord } from '../../store/repositories/trades.js';

/**
 * `scheduled` before start, `expired` at or after expiry; revocation and suspension win over both
 * (a suspension does not extend the expiry: resumed after it, the entitlement reads `expired`).
 */
export type { EntitlementStatus };

export interface EntitlementView extends EntitlementRecord {
  readonly status: EntitlementStatus;
}

export function entitlementStatus(
  entitlement: EntitlementRecord,
  nowMs: number,
): EntitlementStatus {
  if (entitlement.state === 'revoked') return 'revoked';
  if (entitlement.state === 'suspended') return 'suspended';
  if (nowMs < entitlement.startsAtMs) return 'scheduled';
  if (nowMs >= entitlement.expiresAtMs) return 'expired';
  return 'active';
}

export function toEntitlementView(entitlement: EntitlementRecord, nowMs: number): EntitlementView {
  return { ...entitlement, status: entitlementStatus(entitlement, nowMs) };
}
