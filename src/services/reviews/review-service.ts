// Review of anonymization reports with separation of duties: a reviewer of another organization
// approves or rejects with reasons and the GB/T 42460 §6 checklist; the approval pins every hash.
import { createHash } from 'node:crypto';
import { renderReportHtml, type ReportLanguage } from '../../core/report/index.js';
import type { ReviewState } from '../../domain/index.js';
import { findJob } from '../../store/repositories/anonymization-jobs.js';
import { findDataset } from '../../store/repositories/datasets.js';
import {
  findOpenReviewOfJob,
  findReview,
  insertReview,
  listReviews,
  updateReviewIfState,
  type ReviewRecord,
} from '../../store/repositories/reviews.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { invalidTransition, notFound, ServiceError, validationFailed } from '../errors.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { reviewDecisionLedgerEvent } from './review-ledger-event.js';
import { pageLimit, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { parseInput } from '../datasets/parse-input.js';
import { ProviderWorkflowError } from '../provider-workflow-error.js';
import { nextReviewState, reviewDecisionSchema, type ReviewChecklist } from './review-state.js';
import { readCertifiedReport, type CertifiedReport } from './review-certificate.js';

export interface ReviewView extends Omit<ReviewRecord, 'checklist' | 'updatedAtMs'> {
  /** False once the dataset has a newer revision: this approval no longer covers it. */
  readonly current: boolean;
  readonly checklist: ReviewChecklist | null;
}

export interface ReviewQueueQuery extends PageRequest {
  readonly states?: readonly ReviewState[];
  /** Provider organization id. */
  readonly provider?: string;
  /** Only reviews submitted at least this many hours ago (oldest waiting first). */
  readonly minAgeHours?: number;
  readonly maxAgeHours?: number;
}

const toReviewView = (review: ReviewRecord, latestRevision: number): ReviewView => {
  const { updatedAtMs, checklist, ...rest } = review;
  void updatedAtMs;
  return {
    ...rest,
    current: review.datasetRevision === latestRevision,
    checklist: checklist as ReviewChecklist | null,
  };
};

const HOUR_MS = 3_600_000;

export class ReviewService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A provider submits the report of a succeeded job over the dataset's latest revision. */
  async submitForReview(
    context: RequestContext,
    input: { jobId: string; note?: string },
  ): Promise<ReviewView> {
    requireRole(context.principal, 'provider');
    const id = this.deps.ids.newId('rev');
    await this.deps.db.transaction(async (trx) => {
      const job = await findJob(trx, input.jobId);
      if (!job || job.organizationId !== context.principal.organizationId) {
        throw notFound('job', input.jobId);
      }
      if (job.state !== 'succeeded' || !job.output) {
        throw invalidTransition('anonymization job', job.state, 'submit for review');
      }
      const dataset = await findDataset(trx, job.datasetId);
      if (!dataset) throw notFound('dataset', job.datasetId);
      if (dataset.latestRevision !== job.datasetRevision) {
        throw new ServiceError(
          'conflict',
          `job ran over revision ${job.datasetRevision}; the dataset is at revision ${dataset.latestRevision}`,
          {
            details: {
              datasetRevision: job.datasetRevision,
              latestRevision: dataset.latestRevision,
            },
          },
        );
      }
      const open = await findOpenReviewOfJob(trx, job.id);
      if (open) {
        throw new ServiceError('conflict', `job ${job.id} is already under review ${open.id}`, {
          details: { reviewId: open.id, state: open.state },
        });
      }
      const nowMs = this.deps.clock.nowMs();
      await insertReview(trx, {
        id,
        organizationId: job.organizationId,
        jobId: job.id,
        datasetId: job.datasetId,
        datasetRevision: job.datasetRevision,
        reportSha256: job.output.reportSha256,
        artifactSha256: job.output.artifactSha256,
        policySha256: job.policySha256,
        level: job.output.level,
        gatePassed: job.output.gatePassed,
        note: input.note?.trim() || null,
        submittedBy: context.principal.memberId,
        submittedAtMs: nowMs,
      });
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'review.submitted',
        target: id,
        details: { jobId: job.id, reportSha256: job.output.reportSha256 },
      });
    });
    return this.getReview(context, id);
  }

  /**
   * The queue: reviewers see every organization's reviews but their own; providers see their
   * organization's. Oldest first, filtered by state, provider and age.
   */
  async listReviews(context: RequestContext, query: ReviewQueueQuery): Promise<Page<ReviewView>> {
    const { principal } = context;
    requireRole(principal, 'reviewer', 'provider');
    const asReviewer = hasRole(principal, 'reviewer');
    if (!asReviewer && query.provider && query.provider !== principal.organizationId) {
      return { items: [], nextCursor: null };
    }
    const limit = pageLimit(query);
    const offset = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
    const nowMs = this.deps.clock.nowMs();
    const { items } = await listReviews(this.deps.db, {
      organizationId: asReviewer ? query.provider : principal.organizationId,
      excludeOrganizationId: asReviewer ? principal.organizationId : undefined,
      states: query.states,
      submittedBeforeMs:
        query.minAgeHours === undefined ? undefined : nowMs - query.minAgeHours * HOUR_MS + 1,
      submittedAfterMs:
        query.maxAgeHours === undefined ? undefined : nowMs - query.maxAgeHours * HOUR_MS,
      limit: limit + 1,
      offset,
    });
    const views = await Promise.all(items.slice(0, limit).map((review) => this.toView(review)));
    return { items: views, nextCursor: items.length > limit ? String(offset + limit) : null };
  }

  async getReview(context: RequestContext, id: string): Promise<ReviewView> {
    return this.toView(await this.visibleReview(context, id));
  }

  /**
   * The report under review for the provider and for reviewers of other organizations: the pinned
   * JSON as stored, or the HTML certificate rendered now, with the decision and reviewer once
   * decided (the same page the console downloads; its `sha256` is that of the rendered bytes).
   */
  async getReviewReport(
    context: RequestContext,
    id: string,
    kind: 'json' | 'html',
    lang: ReportLanguage = 'bilingual',
  ): Promise<{ body: Buffer; sha256: string }> {
    const review = await this.visibleReview(context, id);
    if (kind === 'json') {
      const sha256 = review.reportSha256;
      return { body: await this.deps.blobs.get(sha256, { raw: false }), sha256 };
    }
    const { report, certificate } = await readCertifiedReport(this.deps, review);
    const body = Buffer.from(renderReportHtml(report, { lang, certificate }), 'utf8');
    return { body, sha256: createHash('sha256').update(body).digest('hex') };
  }

  /** The pinned report with the facts its printed certificate states (provider, decision, reviewer). */
  async getCertifiedReport(context: RequestContext, id: string): Promise<CertifiedReport> {
    return readCertifiedReport(this.deps, await this.visibleReview(context, id));
  }

  async approveReview(context: RequestContext, id: string, decision: unknown): Promise<ReviewView> {
    return this.decide(context, id, 'approve', decision);
  }

  async rejectReview(context: RequestContext, id: string, decision: unknown): Promise<ReviewView> {
    return this.decide(context, id, 'reject', decision);
  }

  /** The provider takes a pending review back (e.g. to rerun with another policy). */
  async withdrawReview(context: RequestContext, id: string): Promise<ReviewView> {
    requireRole(context.principal, 'provider');
    await this.deps.db.transaction(async (trx) => {
      const review = await findReview(trx, id);
      if (!review || review.organizationId !== context.principal.organizationId) {
        throw notFound('review', id);
      }
      const state = nextReviewState(review.state, 'withdraw');
      const nowMs = this.deps.clock.nowMs();
      if (!(await updateReviewIfState(trx, id, review.state, { state, updatedAtMs: nowMs }))) {
        throw invalidTransition('review', review.state, 'withdraw');
      }
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'review.withdrawn',
        target: id,
      });
    });
    return this.getReview(context, id);
  }

  private async decide(
    context: RequestContext,
    id: string,
    event: 'approve' | 'reject',
    input: unknown,
  ): Promise<ReviewView> {
    const { principal } = context;
    requireRole(principal, 'reviewer');
    const decision = parseInput(reviewDecisionSchema, input, 'review decision');
    if (event === 'approve') {
      const unchecked = Object.entries(decision.checklist)
        .filter(([, checked]) => !checked)
        .map(([point]) => point);
      if (unchecked.length > 0) {
        throw validationFailed(
          'an approval needs every GB/T 42460 §6 checklist point',
          unchecked.map((point) => ({
            field: `checklist.${point}`,
            reason: 'must be true to approve',
            code: 'must_be_checked',
          })),
        );
      }
    }
    await this.deps.db.transaction(async (trx) => {
      const review = await findReview(trx, id);
      if (!review) throw notFound('review', id);
      // Separation of duties: nobody reviews their own organization's work, least of all their own.
      if (
        review.organizationId === principal.organizationId ||
        review.submittedBy === principal.memberId
      ) {
        throw new ProviderWorkflowError(
          'review_separation_of_duties',
          "a reviewer may not decide on their own organization's report",
          { details: { reviewId: review.id } },
        );
      }
      const state = nextReviewState(review.state, event);
      const nowMs = this.deps.clock.nowMs();
      const changed = await updateReviewIfState(trx, id, review.state, {
        state,
        reviewerMemberId: principal.memberId,
        reviewerOrganizationId: principal.organizationId,
        reasons: decision.reasons,
        checklist: decision.checklist,
        decidedAtMs: nowMs,
        updatedAtMs: nowMs,
      });
      if (!changed) throw invalidTransition('review', review.state, event);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: `review.${state}`,
        target: id,
        details: {
          providerOrganizationId: review.organizationId,
          reportSha256: review.reportSha256,
        },
      });
      await recordLedgerEvent(
        trx,
        this.deps.clock,
        reviewDecisionLedgerEvent(
          review,
          event === 'approve' ? 'approved' : 'rejected',
          principal.organizationId,
        ),
      );
    });
    return this.getReview(context, id);
  }

  /** Providers see their organization's reviews; reviewers see other organizations'. */
  private async visibleReview(context: RequestContext, id: string): Promise<ReviewRecord> {
    const { principal } = context;
    requireRole(principal, 'reviewer', 'provider');
    const review = await findReview(this.deps.db, id);
    const own = review?.organizationId === principal.organizationId;
    const visible =
      review !== undefined &&
      ((own && hasRole(principal, 'provider')) || (!own && hasRole(principal, 'reviewer')));
    if (!visible) throw notFound('review', id);
    return review;
  }

  private async toView(review: ReviewRecord): Promise<ReviewView> {
    const dataset = await findDataset(this.deps.db, review.datasetId);
    return toReviewView(review, dataset?.latestRevision ?? review.datasetRevision);
  }
}
