// Access requests for conditional listings (seed Art. 17, 23): submit, answer within two working days, refuse with reasons, dispute.
import type { AccessRequestState } from '../../domain/index.js';
import type { Queryable } from '../../store/db.js';
import {
  findAccessRequest,
  insertAccessRequest,
  listAccessRequests,
  replaceAccessRequestIf,
  type AccessRequestRecord,
} from '../../store/repositories/access-requests.js';
import { findMember } from '../../store/repositories/members.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { invalidTransition, notFound, validationFailed } from '../errors.js';
import type { EventKind } from '../events/index.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { readListingOffer } from '../listings/index.js';
import {
  verifyAccessRequestInput,
  verifyApproval,
  verifyRefusal,
  type AccessRequestInput,
  type ApprovalInput,
  type RefusalInput,
} from './access-request-rules.js';
import { toAccessRequestView, type AccessRequestView } from './access-request-view.js';
import { decideDispute, escalateOverdueAccessRequests } from './access-request-authority.js';
import { HolidayCalendarService } from './holiday-calendar-service.js';
import { canSee, decisionLedgerEvent, notifyParties, sha256 } from './access-request-records.js';
import { answerDeadline } from './answer-deadline.js';

/** A dispute says why the refusal is wrong in at least this many characters. */
export const DISPUTE_STATEMENT_MIN_CHARACTERS = 10;

export { ANSWER_WORKING_DAYS } from './answer-deadline.js';

export type AccessRequestQueue = 'buyer' | 'provider' | 'authority';

export class AccessRequestService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Shared with the admin import, so a notice loaded at run time counts from the next request on. */
    private readonly holidayCalendar: HolidayCalendarService = new HolidayCalendarService(deps),
  ) {}

  /** A buyer applies for a conditional listing; the deadline is fixed at receipt. */
  async submitAccessRequest(
    context: RequestContext,
    input: AccessRequestInput,
  ): Promise<AccessRequestView> {
    const { principal } = context;
    requireRole(principal, 'buyer');
    return this.deps.db.transaction(async (trx) => {
      const listing = await readListingOffer(trx, input.listingId);
      if (!listing || listing.state !== 'published') throw notFound('listing', input.listingId);
      if (listing.sharingType !== 'conditional') {
        throw new BuyerWorkflowError(
          'listing_not_orderable',
          `listing sharing type is ${listing.sharingType}: want conditional for an access request`,
          {
            details: { listingId: listing.id, sharingType: listing.sharingType },
          },
        );
      }
      const issues = verifyAccessRequestInput(input, listing);
      if (issues.length > 0) throw validationFailed('access request refused', issues);
      const receivedAtMs = this.deps.clock.nowMs();
      // Never refused for a missing holiday notice: counted from the statutory holidays instead,
      // and marked provisional (answer-deadline.ts).
      const calendar = await this.holidayCalendar.currentCalendar(trx);
      const deadline = answerDeadline(calendar, receivedAtMs);
      const record: AccessRequestRecord = {
        id: this.deps.ids.newId('areq'),
        listingId: listing.id,
        listingRevision: listing.revision,
        providerOrganizationId: listing.organizationId,
        buyerOrganizationId: principal.organizationId,
        buyerMemberId: principal.memberId,
        purpose: input.purpose,
        intendedUse: input.intendedUse.trim(),
        requestedDurationDays: input.requestedDurationDays,
        columns: [...input.columns],
        state: 'pending',
        receivedAtMs,
        ...deadline,
        overdueAtMs: null,
        decidedAtMs: null,
        decidedBy: null,
        decidedAs: null,
        answeredLate: false,
        approvedDurationDays: null,
        approvedColumns: null,
        refusalReasonCode: null,
        refusalReason: null,
        legalBasis: null,
        disputeStatement: null,
        disputedAtMs: null,
        disputeOutcome: null,
        disputeDecisionReason: null,
        disputeDecidedBy: null,
        disputeDecidedAtMs: null,
        updatedAtMs: receivedAtMs,
      };
      await insertAccessRequest(trx, record);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'access_request.submitted',
        target: record.id,
        details: {
          listingId: listing.id,
          purpose: record.purpose,
          deadlineMs: record.deadlineMs,
          deadlineBasis: record.deadlineBasis,
        },
      });
      await this.notify(trx, 'access_request.submitted', record);
      return toAccessRequestView(record, receivedAtMs);
    });
  }

  async getAccessRequest(principal: Principal, id: string): Promise<AccessRequestView> {
    const record = await findAccessRequest(this.deps.db, id);
    if (!record || !canSee(principal, record)) throw notFound('access request', id);
    return toAccessRequestView(record, this.deps.clock.nowMs());
  }

  /**
   * `buyer`: the principal organization's requests; `provider`: requests for its listings;
   * `authority`: the admins' queue of overdue and disputed requests.
   */
  /**
   * The display names of the members who sent `requestIds`, for the party answering them: a
   * provider (or the exchange) sees who asks, not only which organization. Requests the caller
   * may not see, and members since removed, are left out.
   */
  async requesterNames(
    principal: Principal,
    requestIds: readonly string[],
  ): Promise<ReadonlyMap<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(requestIds)) {
      const record = await findAccessRequest(this.deps.db, id);
      if (!record || !canSee(principal, record)) continue;
      const member = await findMember(this.deps.db, record.buyerMemberId);
      if (member) names.set(id, member.displayName);
    }
    return names;
  }

  async listAccessRequests(
    principal: Principal,
    queue: AccessRequestQueue,
    request: PageRequest & { states?: readonly AccessRequestState[] },
  ): Promise<Page<AccessRequestView>> {
    const limit = pageLimit(request);
    const filter =
      queue === 'buyer'
        ? (requireRole(principal, 'buyer'),
          { buyerOrganizationId: principal.organizationId, states: request.states })
        : queue === 'provider'
          ? (requireRole(principal, 'provider'),
            { providerOrganizationId: principal.organizationId, states: request.states })
          : (requireRole(principal, 'admin'),
            { states: request.states ?? (['overdue', 'disputed'] as const) });
    const rows = await listAccessRequests(this.deps.db, filter, {
      limit: limit + 1,
      afterId: request.cursor,
    });
    const nowMs = this.deps.clock.nowMs();
    const page = toPage(rows, limit, (row) => row.id);
    return {
      items: page.items.map((row) => toAccessRequestView(row, nowMs)),
      nextCursor: page.nextCursor,
    };
  }

  /** The listing's provider answers yes (possibly narrowing columns or duration); admins may, once overdue. */
  async approveAccessRequest(
    context: RequestContext,
    id: string,
    input: ApprovalInput = {},
  ): Promise<AccessRequestView> {
    return this.answer(context, id, 'approve', (record) => {
      const approval = verifyApproval(input, {
        columns: record.columns,
        durationDays: record.requestedDurationDays,
      });
      return {
        state: 'approved',
        approvedColumns: approval.columns,
        approvedDurationDays: approval.durationDays,
      };
    });
  }

  /** The provider answers no: a reason code, a written reason and a legal basis are all required. */
  async refuseAccessRequest(
    context: RequestContext,
    id: string,
    input: RefusalInput,
  ): Promise<AccessRequestView> {
    const refusal = verifyRefusal(input);
    return this.answer(context, id, 'refuse', () => ({
      state: 'refused',
      refusalReasonCode: refusal.reasonCode,
      refusalReason: refusal.reason,
      legalBasis: refusal.legalBasis,
    }));
  }

  private async answer(
    context: RequestContext,
    id: string,
    event: 'approve' | 'refuse',
    decide: (record: AccessRequestRecord) => Partial<AccessRequestRecord>,
  ): Promise<AccessRequestView> {
    const { principal } = context;
    return this.deps.db.transaction(async (trx) => {
      const record = await findAccessRequest(trx, id);
      if (!record || !canSee(principal, record)) throw notFound('access request', id);
      const asProvider =
        principal.organizationId === record.providerOrganizationId &&
        hasRole(principal, 'provider');
      const asAuthority = !asProvider && hasRole(principal, 'admin') && record.state === 'overdue';
      if (!asProvider && !asAuthority) {
        if (hasRole(principal, 'admin'))
          throw invalidTransition('access request', record.state, `${event} as authority`);
        requireRole(principal, 'provider');
        throw notFound('access request', id);
      }
      if (record.state !== 'pending' && record.state !== 'overdue')
        throw invalidTransition('access request', record.state, event);
      const nowMs = this.deps.clock.nowMs();
      const next: AccessRequestRecord = {
        ...record,
        ...decide(record),
        decidedAtMs: nowMs,
        decidedBy: principal.memberId,
        decidedAs: asProvider ? 'provider' : 'authority',
        answeredLate: nowMs >= record.deadlineMs,
        updatedAtMs: nowMs,
      };
      if (!(await replaceAccessRequestIf(trx, next, record.state))) {
        throw invalidTransition('access request', 'changed concurrently', event);
      }
      await recordLedgerEvent(trx, this.deps.clock, decisionLedgerEvent(next));
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: record.providerOrganizationId,
        action: next.state === 'approved' ? 'access_request.approved' : 'access_request.refused',
        target: id,
        details: {
          decidedAs: next.decidedAs,
          answeredLate: next.answeredLate,
          reasonCode: next.refusalReasonCode,
        },
      });
      await this.notify(
        trx,
        next.state === 'approved' ? 'access_request.approved' : 'access_request.refused',
        next,
      );
      return toAccessRequestView(next, nowMs);
    });
  }

  /** The buyer withdraws a request not yet answered. */
  async withdrawAccessRequest(context: RequestContext, id: string): Promise<AccessRequestView> {
    return this.buyerTransition(
      context,
      id,
      'withdraw',
      ['pending', 'overdue'],
      () => ({ state: 'withdrawn' }),
      'access_request.withdrawn',
    );
  }

  /** The buyer disputes a refusal (seed Art. 23); the exchange's admins decide. One dispute per request. */
  async disputeAccessRequest(
    context: RequestContext,
    id: string,
    input: { statement?: string },
  ): Promise<AccessRequestView> {
    const statement = typeof input.statement === 'string' ? input.statement.trim() : '';
    if (statement.length < DISPUTE_STATEMENT_MIN_CHARACTERS) {
      throw validationFailed('a dispute needs a statement', [
        {
          field: 'statement',
          reason: `say why the refusal is wrong (at least ${DISPUTE_STATEMENT_MIN_CHARACTERS} characters)`,
          code: 'too_short',
          params: { min: DISPUTE_STATEMENT_MIN_CHARACTERS },
        },
      ]);
    }
    return this.buyerTransition(
      context,
      id,
      'dispute',
      ['refused'],
      (record, nowMs) => {
        if (record.disputeOutcome !== null)
          throw invalidTransition(
            'access request',
            `${record.state} (dispute ${record.disputeOutcome})`,
            'dispute',
          );
        return { state: 'disputed', disputeStatement: statement, disputedAtMs: nowMs };
      },
      'access_request.disputed',
    );
  }

  private async buyerTransition(
    context: RequestContext,
    id: string,
    event: string,
    from: readonly AccessRequestState[],
    change: (record: AccessRequestRecord, nowMs: number) => Partial<AccessRequestRecord>,
    kind: EventKind,
  ): Promise<AccessRequestView> {
    const { principal } = context;
    requireRole(principal, 'buyer');
    return this.deps.db.transaction(async (trx) => {
      const record = await findAccessRequest(trx, id);
      if (!record || record.buyerOrganizationId !== principal.organizationId)
        throw notFound('access request', id);
      if (!from.includes(record.state))
        throw invalidTransition('access request', record.state, event);
      const nowMs = this.deps.clock.nowMs();
      const next: AccessRequestRecord = { ...record, ...change(record, nowMs), updatedAtMs: nowMs };
      if (!(await replaceAccessRequestIf(trx, next, record.state)))
        throw invalidTransition('access request', 'changed concurrently', event);
      if (kind === 'access_request.disputed') {
        await recordLedgerEvent(trx, this.deps.clock, {
          kind: 'access_request.disputed',
          access_request_id: id,
          listing_id: record.listingId,
          listing_revision: record.listingRevision,
          provider_organization_id: record.providerOrganizationId,
          buyer_organization_id: record.buyerOrganizationId,
          statement_sha256: sha256(next.disputeStatement ?? ''),
        });
      }
      await recordAudit(trx, { ...auditBy(context, this.deps.clock), action: kind, target: id });
      await this.notify(trx, kind, next);
      return toAccessRequestView(next, nowMs);
    });
  }

  /** Admins, as the authority (seed Art. 23), uphold or overturn a disputed refusal; overturning approves as requested. */
  decideDispute(
    context: RequestContext,
    id: string,
    input: { outcome?: string; reason?: string },
  ): Promise<AccessRequestView> {
    return decideDispute(this.deps, context, id, input);
  }

  /** Marks pending requests past their deadline overdue (the admins' queue); returns their ids. */
  escalateOverdueAccessRequests(batchSize = 100): Promise<string[]> {
    return escalateOverdueAccessRequests(this.deps, batchSize);
  }

  private async notify(
    trx: Queryable,
    kind: EventKind,
    record: AccessRequestRecord,
  ): Promise<void> {
    await notifyParties(trx, this.deps.clock, kind, record);
  }
}
