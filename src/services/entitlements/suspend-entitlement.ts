// Suspending and resuming one entitlement inside the caller's transaction (issue 19): the row, its
// ledger entry, the audit row and the notification to both parties. An incident suspends the named
// buyer's entitlements and, closed without a confirmed leak, resumes them. The expiry is not
// touched: time spent suspended is not given back.
import type { Clock } from '../../core/clock.js';
import type { EntitlementState } from '../../domain/index.js';
import type { Transaction } from '../../store/db.js';
import {
  changeEntitlementStateIf,
  type EntitlementRecord,
} from '../../store/repositories/trades.js';
import type { RequestContext } from '../request-context.js';
import { recordEntitlementChange } from './entitlement-change.js';

/** Why the state changes: the incident it follows from and the exchange's reason. */
export interface SuspensionCause {
  readonly incidentId: string;
  readonly reason: string;
}

const CHANGES = {
  'entitlement.suspended': { from: 'active', to: 'suspended' },
  'entitlement.resumed': { from: 'suspended', to: 'active' },
} as const satisfies Record<string, { from: EntitlementState; to: EntitlementState }>;

type SuspensionKind = keyof typeof CHANGES;

type StateChange = (
  trx: Transaction,
  clock: Clock,
  context: RequestContext,
  entitlement: EntitlementRecord,
  cause: SuspensionCause,
) => Promise<EntitlementRecord | undefined>;

const changeOf =
  (kind: SuspensionKind): StateChange =>
  (...args) =>
    changeInTransaction(kind, ...args);

/** Suspends `entitlement` if it is active; undefined when it was not (nothing is written). */
export const suspendEntitlementInTransaction = changeOf('entitlement.suspended');

/** Resumes `entitlement` if it is suspended; undefined when it was not (nothing is written). */
export const resumeEntitlementInTransaction = changeOf('entitlement.resumed');

async function changeInTransaction(
  kind: SuspensionKind,
  trx: Transaction,
  clock: Clock,
  context: RequestContext,
  entitlement: EntitlementRecord,
  cause: SuspensionCause,
): Promise<EntitlementRecord | undefined> {
  const { from, to } = CHANGES[kind];
  const id = entitlement.id;
  if (!(await changeEntitlementStateIf(trx, id, from, to))) return undefined;
  // The entry commits to the incident and the buyer (docs/ledger-privacy.md): the public log
  // shows an entitlement suspended, not which incident accused its trade.
  await recordEntitlementChange(trx, clock, context, entitlement, {
    kind,
    reason: cause.reason,
    incidentId: cause.incidentId,
    entryFields: { incident_id: cause.incidentId },
  });
  return { ...entitlement, state: to };
}
