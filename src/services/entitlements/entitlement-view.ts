// What callers see of an entitlement: the record plus its status at the time of asking.
import type { EntitlementRecord } from '../../store/repositories/trades.js';

/** `scheduled` before start, `expired` at or after expiry; revocation wins over both. */
export type EntitlementStatus = 'active' | 'scheduled' | 'expired' | 'revoked';

export interface EntitlementView extends EntitlementRecord {
  readonly status: EntitlementStatus;
}

export function entitlementStatus(
  entitlement: EntitlementRecord,
  nowMs: number,
): EntitlementStatus {
  if (entitlement.state === 'revoked') return 'revoked';
  if (nowMs < entitlement.startsAtMs) return 'scheduled';
  if (nowMs >= entitlement.expiresAtMs) return 'expired';
  return 'active';
}

export function toEntitlementView(entitlement: EntitlementRecord, nowMs: number): EntitlementView {
  return { ...entitlement, status: entitlementStatus(entitlement, nowMs) };
}
