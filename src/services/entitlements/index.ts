// Purpose-bound entitlements: reading, revoking, and the authorization in front of every data access.
export { EntitlementService } from './entitlement-service.js';
export {
  entitlementStatus,
  toEntitlementView,
  type EntitlementStatus,
  type EntitlementView,
} from './entitlement-view.js';
export { revokeEntitlementInTransaction, type Revocation } from './revoke-entitlement.js';
export {
  resumeEntitlementInTransaction,
  suspendEntitlementInTransaction,
  type SuspensionCause,
} from './suspend-entitlement.js';
