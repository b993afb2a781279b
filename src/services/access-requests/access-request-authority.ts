// The authority's part of access requests (seed Art. 23): deciding disputes, escalating missed deadlines.
import {
  findAccessRequest,
  listPastDeadline,
  replaceAccessRequestIf,
  type AccessRequestRecord,
} from '../../store/repositories/access-requests.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { invalidTransition, notFound, validationFailed } from '../errors.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { decisionLedgerEvent, notifyParties } from './access-request-records.js';
import { toAccessRequestView, type AccessRequestView } from './access-request-view.js';

const SWEEPER_ACTOR = 'system:access-request-deadlines';

/** Admins, as the authority (seed Art. 23), uphold or overturn a disputed refusal; overturning approves as requested. */
export async function decideDispute(
  deps: ServiceDeps,
  context: RequestContext,
  id: string,
  input: { outcome?: string; reason?: string },
): Promise<AccessRequestView> {
  const { principal } = context;
  requireRole(principal, 'admin');
  const issues = [];
  if (input.outcome !== 'upheld' && input.outcome !== 'overturned')
    issues.push({ field: 'outcome', reason: 'want upheld or overturned' });
  if (typeof input.reason !== 'string' || input.reason.trim().length === 0)
    issues.push({ field: 'reason', reason: 'missing' });
  if (issues.length > 0)
    throw validationFailed('a dispute decision needs an outcome and a reason', issues);
  const outcome = input.outcome as 'upheld' | 'overturned';
  return deps.db.transaction(async (trx) => {
    const record = await findAccessRequest(trx, id);
    if (!record) throw notFound('access request', id);
    if (record.state !== 'disputed')
      throw invalidTransition('access request', record.state, 'decide dispute');
    const nowMs = deps.clock.nowMs();
    const next: AccessRequestRecord = {
      ...record,
      state: outcome === 'upheld' ? 'refused' : 'approved',
      disputeOutcome: outcome,
      disputeDecisionReason: (input.reason as string).trim(),
      disputeDecidedBy: principal.memberId,
      disputeDecidedAtMs: nowMs,
      ...(outcome === 'overturned'
        ? {
            approvedColumns: [...record.columns],
            approvedDurationDays: record.requestedDurationDays,
            decidedAs: 'authority' as const,
            decidedBy: principal.memberId,
            decidedAtMs: nowMs,
          }
        : {}),
      updatedAtMs: nowMs,
    };
    if (!(await replaceAccessRequestIf(trx, next, 'disputed')))
      throw invalidTransition('access request', 'changed concurrently', 'decide dispute');
    await recordLedgerEvent(trx, deps.clock, {
      ...decisionLedgerEvent(next),
      dispute_outcome: outcome,
    });
    await recordAudit(trx, {
      ...auditBy(context, deps.clock),
      organizationId: record.providerOrganizationId,
      action: 'access_request.dispute_decided',
      target: id,
      details: { outcome },
    });
    await notifyParties(trx, deps.clock, 'access_request.dispute_decided', next);
    return toAccessRequestView(next, nowMs);
  });
}

/**
 * Marks every pending request whose deadline has passed as overdue, which puts it in the admins'
 * queue (escalation); returns the ids escalated. Each request is its own transaction and a
 * request answered meanwhile is left alone (conditional update on `pending`).
 */
export async function escalateOverdueAccessRequests(
  deps: ServiceDeps,
  batchSize = 100,
): Promise<string[]> {
  const nowMs = deps.clock.nowMs();
  const due = await listPastDeadline(deps.db, nowMs, batchSize);
  const escalated: string[] = [];
  for (const record of due) {
    await deps.db.transaction(async (trx) => {
      const next: AccessRequestRecord = {
        ...record,
        state: 'overdue',
        overdueAtMs: nowMs,
        updatedAtMs: nowMs,
      };
      if (!(await replaceAccessRequestIf(trx, next, 'pending'))) return;
      await recordAudit(trx, {
        actor: SWEEPER_ACTOR,
        organizationId: record.providerOrganizationId,
        action: 'access_request.escalated',
        target: record.id,
        requestId: null,
        atMs: nowMs,
        details: { deadlineMs: record.deadlineMs },
      });
      await notifyParties(trx, deps.clock, 'access_request.overdue', next);
      escalated.push(record.id);
    });
  }
  return escalated;
}
