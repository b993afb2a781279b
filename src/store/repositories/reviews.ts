// Repository of report reviews; the queue query takes the reviewer's filters.
import type { ReviewState } from '../../domain/index.js';
import type { Queryable } from '../db.js';
import {
  fromBooleanColumn,
  fromJsonColumn,
  toBooleanColumn,
  toJsonColumn,
} from './workflow-columns.js';

export interface ReviewRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly jobId: string;
  readonly datasetId: string;
  readonly datasetRevision: number;
  readonly reportSha256: string;
  readonly artifactSha256: string;
  readonly policySha256: string;
  readonly level: string;
  readonly gatePassed: boolean;
  readonly state: ReviewState;
  readonly note: string | null;
  readonly submittedBy: string;
  readonly submittedAtMs: number;
  readonly reviewerMemberId: string | null;
  readonly reviewerOrganizationId: string | null;
  readonly reasons: string | null;
  readonly checklist: unknown;
  readonly decidedAtMs: number | null;
  readonly updatedAtMs: number;
}

interface ReviewRow {
  id: string;
  organization_id: string;
  job_id: string;
  dataset_id: string;
  dataset_revision: number;
  report_sha256: string;
  artifact_sha256: string;
  policy_sha256: string;
  level: string;
  gate_passed: number | boolean;
  state: ReviewState;
  note: string | null;
  submitted_by: string;
  submitted_at_ms: number;
  reviewer_member_id: string | null;
  reviewer_organization_id: string | null;
  reasons: string | null;
  checklist_json: string | null;
  decided_at_ms: number | null;
  updated_at_ms: number;
}

const toReview = (row: ReviewRow): ReviewRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  jobId: row.job_id,
  datasetId: row.dataset_id,
  datasetRevision: Number(row.dataset_revision),
  reportSha256: row.report_sha256,
  artifactSha256: row.artifact_sha256,
  policySha256: row.policy_sha256,
  level: row.level,
  gatePassed: fromBooleanColumn(row.gate_passed) === true,
  state: row.state,
  note: row.note,
  submittedBy: row.submitted_by,
  submittedAtMs: Number(row.submitted_at_ms),
  reviewerMemberId: row.reviewer_member_id,
  reviewerOrganizationId: row.reviewer_organization_id,
  reasons: row.reasons,
  checklist: fromJsonColumn(row.checklist_json),
  decidedAtMs: row.decided_at_ms === null ? null : Number(row.decided_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

export async function insertReview(
  db: Queryable,
  review: Omit<
    ReviewRecord,
    | 'state'
    | 'reviewerMemberId'
    | 'reviewerOrganizationId'
    | 'reasons'
    | 'checklist'
    | 'decidedAtMs'
    | 'updatedAtMs'
  >,
): Promise<void> {
  await db<ReviewRow>('reviews').insert({
    id: review.id,
    organization_id: review.organizationId,
    job_id: review.jobId,
    dataset_id: review.datasetId,
    dataset_revision: review.datasetRevision,
    report_sha256: review.reportSha256,
    artifact_sha256: review.artifactSha256,
    policy_sha256: review.policySha256,
    level: review.level,
    gate_passed: toBooleanColumn(review.gatePassed),
    state: 'pending',
    note: review.note,
    submitted_by: review.submittedBy,
    submitted_at_ms: review.submittedAtMs,
    updated_at_ms: review.submittedAtMs,
  });
}

export async function findReview(db: Queryable, id: string): Promise<ReviewRecord | undefined> {
  const row = await db<ReviewRow>('reviews').where({ id }).first();
  return row ? toReview(row) : undefined;
}

/** Reviews of one job that are still pending or approved (a job is under review at most once). */
export async function findOpenReviewOfJob(
  db: Queryable,
  jobId: string,
): Promise<ReviewRecord | undefined> {
  const row = await db<ReviewRow>('reviews')
    .where({ job_id: jobId })
    .whereIn('state', ['pending', 'approved'])
    .first();
  return row ? toReview(row) : undefined;
}

export interface ReviewQueueFilter {
  /** Only reviews of this provider organization. */
  readonly organizationId?: string;
  /** Exclude this organization's reviews (a reviewer never sees their own organization's queue). */
  readonly excludeOrganizationId?: string;
  readonly states?: readonly ReviewState[];
  readonly submittedBeforeMs?: number;
  readonly submittedAfterMs?: number;
  readonly limit: number;
  readonly offset: number;
}

export async function listReviews(
  db: Queryable,
  filter: ReviewQueueFilter,
): Promise<{ items: ReviewRecord[]; total: number }> {
  const base = db<ReviewRow>('reviews');
  if (filter.organizationId) base.where('organization_id', filter.organizationId);
  if (filter.excludeOrganizationId) base.whereNot('organization_id', filter.excludeOrganizationId);
  if (filter.states && filter.states.length > 0) base.whereIn('state', [...filter.states]);
  if (filter.submittedBeforeMs !== undefined)
    base.where('submitted_at_ms', '<', filter.submittedBeforeMs);
  if (filter.submittedAfterMs !== undefined)
    base.where('submitted_at_ms', '>=', filter.submittedAfterMs);
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }];
  const rows = await base
    .orderBy([{ column: 'submitted_at_ms' }, { column: 'id' }])
    .limit(filter.limit)
    .offset(filter.offset);
  return { items: rows.map(toReview), total: Number(count) };
}

export async function updateReviewIfState(
  db: Queryable,
  id: string,
  from: ReviewState,
  changes: {
    state: ReviewState;
    reviewerMemberId?: string;
    reviewerOrganizationId?: string;
    reasons?: string;
    checklist?: unknown;
    decidedAtMs?: number;
    updatedAtMs: number;
  },
): Promise<boolean> {
  const count = await db<ReviewRow>('reviews')
    .where({ id, state: from })
    .update({
      state: changes.state,
      reviewer_member_id: changes.reviewerMemberId ?? null,
      reviewer_organization_id: changes.reviewerOrganizationId ?? null,
      reasons: changes.reasons ?? null,
      checklist_json: changes.checklist === undefined ? null : toJsonColumn(changes.checklist),
      decided_at_ms: changes.decidedAtMs ?? null,
      updated_at_ms: changes.updatedAtMs,
    });
  return Number(count) === 1;
}

/** Every review, one page ordered by id after `afterId` (the ledger reconciliation reads them all). */
export async function listReviewsAfter(
  db: Queryable,
  afterId: string | undefined,
  limit: number,
): Promise<ReviewRecord[]> {
  const query = db<ReviewRow>('reviews').orderBy('id').limit(limit);
  if (afterId !== undefined) query.where('id', '>', afterId);
  return (await query).map(toReview);
}

/** Reviews in any of `states` (decided ones each have a `report.*` entry). */
export async function countReviewsInStates(
  db: Queryable,
  states: readonly ReviewState[],
): Promise<number> {
  const row = (await db('reviews')
    .whereIn('state', [...states])
    .count({ n: '*' })
    .first()) as { n: number | string };
  return Number(row.n);
}
