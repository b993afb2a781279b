// The facts a printed report certifies beside its pinned JSON: provider, dataset and revision,
// the review and, once decided, the decision, its reasons and the reviewer by name.
import { readAnonymizationReport, type AnonymizationReport } from '../../core/report/index.js';
import type { ReportCertificate } from '../../core/report/index.js';
import { findDataset } from '../../store/repositories/datasets.js';
import { findMember } from '../../store/repositories/members.js';
import { findOrganization } from '../../store/repositories/organizations.js';
import type { ReviewRecord } from '../../store/repositories/reviews.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';

export interface CertifiedReport {
  readonly report: AnonymizationReport;
  readonly certificate: ReportCertificate & { readonly reportSha256: string };
}

/**
 * Reads the pinned report of `review` and the certificate facts. The caller has checked that the
 * principal may see the review; the reviewer's name is part of what both parties sign.
 */
export async function readCertifiedReport(
  deps: Pick<ServiceDeps, 'db' | 'blobs'>,
  review: ReviewRecord,
): Promise<CertifiedReport> {
  const [dataset, provider, reviewer, reviewerOrganization, body] = await Promise.all([
    findDataset(deps.db, review.datasetId),
    findOrganization(deps.db, review.organizationId),
    review.reviewerMemberId === null ? undefined : findMember(deps.db, review.reviewerMemberId),
    review.reviewerOrganizationId === null
      ? undefined
      : findOrganization(deps.db, review.reviewerOrganizationId),
    deps.blobs.get(review.reportSha256, { raw: false }),
  ]);
  if (dataset === undefined || provider === undefined) throw notFound('review report', review.id);
  const report = readAnonymizationReport(JSON.parse(body.toString('utf8')) as unknown);
  const decided = review.decidedAtMs !== null;
  return {
    report,
    certificate: {
      reportSha256: review.reportSha256,
      provider: { name: provider.name, uscc: provider.uscc },
      dataset: { id: dataset.id, name: dataset.name, revision: review.datasetRevision },
      jobId: review.jobId,
      review: {
        id: review.id,
        state: review.state,
        submittedAtMs: review.submittedAtMs,
        decidedAtMs: review.decidedAtMs,
        reviewer:
          decided && reviewer !== undefined
            ? { name: reviewer.displayName, organization: reviewerOrganization?.name ?? '—' }
            : null,
        reasons: decided ? review.reasons : null,
      },
    },
  };
}
