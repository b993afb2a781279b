// What every access-request transition writes besides the row: notifications, ledger bodies, visibility.
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { canonicalJson } from '../../core/canonical-json.js';
import type { Queryable } from '../../store/db.js';
import type { AccessRequestRecord } from '../../store/repositories/access-requests.js';
import { listAuthorityOrganizationIds } from '../../store/repositories/members.js';
import { publishEvent, type EventKind } from '../events/index.js';
import { hasRole, type Principal } from '../principal.js';
import { isProvisional } from './answer-deadline.js';

/** Both parties are notified of every transition (feed and webhooks), in the same transaction. */
export async function notifyParties(
  trx: Queryable,
  clock: Clock,
  kind: EventKind,
  record: AccessRequestRecord,
  extraPayload: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  // Overdue requests and disputes go to the exchange admins too (seed Art. 23: the authority).
  const authority =
    kind === 'access_request.overdue' || kind === 'access_request.disputed'
      ? await listAuthorityOrganizationIds(trx)
      : [];
  await publishEvent(trx, clock, {
    kind,
    organizationIds: [record.buyerOrganizationId, record.providerOrganizationId, ...authority],
    subjectId: record.id,
    payload: {
      accessRequestId: record.id,
      listingId: record.listingId,
      state: record.state,
      deadlineMs: record.deadlineMs,
      deadlineBasis: record.deadlineBasis,
      deadlineProvisional: isProvisional(record.deadlineBasis),
      ...(record.refusalReasonCode ? { reasonCode: record.refusalReasonCode } : {}),
      ...(record.disputeOutcome ? { disputeOutcome: record.disputeOutcome } : {}),
      ...extraPayload,
    },
  });
}

/** The buyer and provider organizations and admins may read a request; others get not_found. */
export function canSee(principal: Principal, record: AccessRequestRecord): boolean {
  return (
    principal.organizationId === record.buyerOrganizationId ||
    principal.organizationId === record.providerOrganizationId ||
    hasRole(principal, 'admin')
  );
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The ledger records the decision and hashes of the written reasons, never personal data. */
export function decisionLedgerEvent(record: AccessRequestRecord) {
  return {
    kind: 'access_request.decided' as const,
    access_request_id: record.id,
    listing_id: record.listingId,
    listing_revision: record.listingRevision,
    provider_organization_id: record.providerOrganizationId,
    buyer_organization_id: record.buyerOrganizationId,
    decision: record.state === 'approved' ? 'approved' : 'refused',
    decided_as: record.decidedAs,
    purpose: record.purpose,
    received_at_ms: record.receivedAtMs,
    deadline_ms: record.deadlineMs,
    // A provisional deadline (no holiday notice loaded for a year it counts) is marked as such.
    deadline_basis: record.deadlineBasis,
    deadline_provisional: isProvisional(record.deadlineBasis),
    answered_late: record.answeredLate,
    ...(record.state === 'approved'
      ? {
          approved_columns: record.approvedColumns,
          approved_duration_days: record.approvedDurationDays,
        }
      : {
          reason_code: record.refusalReasonCode,
          refusal_sha256: sha256(
            canonicalJson({ reason: record.refusalReason, legalBasis: record.legalBasis }),
          ),
        }),
  };
}
