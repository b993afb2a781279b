// Rows of `access_requests`: insert, find, conditional update and the lists the services need.
import type { AccessRequestState, DeadlineBasis } from '../../domain/index.js';
import { isPostgres, type Queryable } from '../db.js';
import {
  fromTradeParties,
  optionalNumber as num,
  optionalString,
  selectTradePartiesPage,
  toTradeParties,
  type IdPage,
  type Row,
  type TradeParties,
  type TradePartiesFilter,
} from './trade-parties.js';

export interface AccessRequestRecord extends TradeParties {
  readonly id: string;
  readonly purpose: string;
  readonly intendedUse: string;
  readonly requestedDurationDays: number;
  readonly columns: readonly string[];
  readonly state: AccessRequestState;
  readonly receivedAtMs: number;
  readonly deadlineMs: number;
  readonly countedWorkingDays: readonly string[];
  readonly deadlineBasis: DeadlineBasis;
  /** Years counted from the statutory holidays (no notice loaded), ascending; [] when none. */
  readonly deadlineStatutoryYears: readonly number[];
  readonly overdueAtMs: number | null;
  readonly decidedAtMs: number | null;
  readonly decidedBy: string | null;
  readonly decidedAs: 'provider' | 'authority' | null;
  readonly answeredLate: boolean;
  readonly approvedDurationDays: number | null;
  readonly approvedColumns: readonly string[] | null;
  readonly refusalReasonCode: string | null;
  readonly refusalReason: string | null;
  readonly legalBasis: string | null;
  readonly disputeStatement: string | null;
  readonly disputedAtMs: number | null;
  readonly disputeOutcome: 'upheld' | 'overturned' | null;
  readonly disputeDecisionReason: string | null;
  readonly disputeDecidedBy: string | null;
  readonly disputeDecidedAtMs: number | null;
  readonly updatedAtMs: number;
}

const json = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(String(value));

const toRecord = (row: Row): AccessRequestRecord => ({
  id: String(row.id),
  ...toTradeParties(row),
  purpose: String(row.purpose),
  intendedUse: String(row.intended_use),
  requestedDurationDays: Number(row.requested_duration_days),
  columns: json(row.columns_json) as string[],
  state: row.state as AccessRequestState,
  receivedAtMs: Number(row.received_at_ms),
  deadlineMs: Number(row.deadline_ms),
  countedWorkingDays: json(row.counted_working_days_json) as string[],
  deadlineBasis: String(row.deadline_basis) as DeadlineBasis,
  deadlineStatutoryYears: json(row.deadline_statutory_years_json) as number[],
  overdueAtMs: num(row.overdue_at_ms),
  decidedAtMs: num(row.decided_at_ms),
  decidedBy: optionalString(row.decided_by),
  decidedAs: optionalString(row.decided_as) as AccessRequestRecord['decidedAs'],
  answeredLate: row.answered_late === 1 || row.answered_late === true,
  approvedDurationDays: num(row.approved_duration_days),
  approvedColumns: json(row.approved_columns_json) as string[] | null,
  refusalReasonCode: optionalString(row.refusal_reason_code),
  refusalReason: optionalString(row.refusal_reason),
  legalBasis: optionalString(row.legal_basis),
  disputeStatement: optionalString(row.dispute_statement),
  disputedAtMs: num(row.disputed_at_ms),
  disputeOutcome: optionalString(row.dispute_outcome) as AccessRequestRecord['disputeOutcome'],
  disputeDecisionReason: optionalString(row.dispute_decision_reason),
  disputeDecidedBy: optionalString(row.dispute_decided_by),
  disputeDecidedAtMs: num(row.dispute_decided_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

const toRow = (record: AccessRequestRecord): Row => ({
  id: record.id,
  ...fromTradeParties(record),
  purpose: record.purpose,
  intended_use: record.intendedUse,
  requested_duration_days: record.requestedDurationDays,
  columns_json: JSON.stringify(record.columns),
  state: record.state,
  received_at_ms: record.receivedAtMs,
  deadline_ms: record.deadlineMs,
  counted_working_days_json: JSON.stringify(record.countedWorkingDays),
  deadline_basis: record.deadlineBasis,
  deadline_statutory_years_json: JSON.stringify(record.deadlineStatutoryYears),
  overdue_at_ms: record.overdueAtMs,
  decided_at_ms: record.decidedAtMs,
  decided_by: record.decidedBy,
  decided_as: record.decidedAs,
  answered_late: record.answeredLate ? 1 : 0,
  approved_duration_days: record.approvedDurationDays,
  approved_columns_json:
    record.approvedColumns === null ? null : JSON.stringify(record.approvedColumns),
  refusal_reason_code: record.refusalReasonCode,
  refusal_reason: record.refusalReason,
  legal_basis: record.legalBasis,
  dispute_statement: record.disputeStatement,
  disputed_at_ms: record.disputedAtMs,
  dispute_outcome: record.disputeOutcome,
  dispute_decision_reason: record.disputeDecisionReason,
  dispute_decided_by: record.disputeDecidedBy,
  dispute_decided_at_ms: record.disputeDecidedAtMs,
  updated_at_ms: record.updatedAtMs,
});

export async function insertAccessRequest(
  db: Queryable,
  record: AccessRequestRecord,
): Promise<void> {
  await db('access_requests').insert(toRow(record));
}

export async function findAccessRequest(
  db: Queryable,
  id: string,
): Promise<AccessRequestRecord | undefined> {
  const row = (await db('access_requests').where({ id }).first()) as Row | undefined;
  return row ? toRecord(row) : undefined;
}

/**
 * Replaces the row only if it is still in `expectedState` (optimistic concurrency: a provider
 * answering while the overdue ticker runs cannot both win). Returns false when it was not.
 */
export async function replaceAccessRequestIf(
  db: Queryable,
  record: AccessRequestRecord,
  expectedState: AccessRequestState,
): Promise<boolean> {
  const { id, ...rest } = toRow(record);
  const updated = await db('access_requests').where({ id, state: expectedState }).update(rest);
  return Number(updated) === 1;
}

/**
 * Replaces the row only if its state and deadline are still those of `previous`: a deadline
 * recomputed by two gateways at once, or while the provider answers, is written once or not at all.
 */
export async function replaceAccessRequestDeadlineIf(
  db: Queryable,
  record: AccessRequestRecord,
  previous: Pick<AccessRequestRecord, 'state' | 'deadlineMs' | 'deadlineBasis'>,
): Promise<boolean> {
  const { id, ...rest } = toRow(record);
  const updated = await db('access_requests')
    .where({
      id,
      state: previous.state,
      deadline_ms: previous.deadlineMs,
      deadline_basis: previous.deadlineBasis,
    })
    .update(rest);
  return Number(updated) === 1;
}

export interface AccessRequestFilter extends TradePartiesFilter {
  readonly states?: readonly AccessRequestState[];
  /** Only requests no trade was placed on yet (an approval buys one entitlement). */
  readonly withoutTrade?: boolean;
}

/** Ordered by id; `afterId` is the cursor. */
export async function listAccessRequests(
  db: Queryable,
  filter: AccessRequestFilter,
  page: IdPage,
): Promise<AccessRequestRecord[]> {
  const query = selectTradePartiesPage(db, 'access_requests', filter, page);
  if (filter.states && filter.states.length > 0) query.whereIn('state', [...filter.states]);
  if (filter.withoutTrade) {
    query.whereNotExists((trades) =>
      trades.select('id').from('trades').whereRaw('trades.access_request_id = access_requests.id'),
    );
  }
  return ((await query) as Row[]).map(toRecord);
}

/** Pending requests whose deadline has passed at `nowMs`, oldest deadline first. */
export async function listPastDeadline(
  db: Queryable,
  nowMs: number,
  limit: number,
): Promise<AccessRequestRecord[]> {
  const rows = (await db('access_requests')
    .where('state', 'pending')
    .andWhere('deadline_ms', '<=', nowMs)
    .orderBy('deadline_ms')
    .limit(limit)) as Row[];
  return rows.map(toRecord);
}

/** The newest approved request of a buyer organization for a listing, if any. */
export async function findApprovedAccessRequest(
  db: Queryable,
  buyerOrganizationId: string,
  listingId: string,
  id: string,
): Promise<AccessRequestRecord | undefined> {
  const row = (await db('access_requests')
    .where({
      id,
      buyer_organization_id: buyerOrganizationId,
      listing_id: listingId,
      state: 'approved',
    })
    .first()) as Row | undefined;
  return row ? toRecord(row) : undefined;
}

/**
 * Locks the rows of `ids` until the transaction ends (PostgreSQL: FOR UPDATE; SQLite has one
 * writer), so two gateways ordering on one approved request at once place one trade, not two.
 */
export async function lockAccessRequests(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || !isPostgres(db)) return;
  await db('access_requests')
    .select('id')
    .whereIn('id', [...ids])
    .forUpdate();
}
