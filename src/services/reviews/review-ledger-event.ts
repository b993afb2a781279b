// The ledger entry of a review decision: organization ids and document hashes only (no reasons
// text, no data). The review service writes it; the reconciliation compares reviews with it.
import type { ReviewRecord } from '../../store/repositories/reviews.js';

export function reviewDecisionLedgerEvent(
  review: ReviewRecord,
  decision: 'approved' | 'rejected',
  reviewerOrganizationId: string | null,
) {
  return {
    kind: decision === 'approved' ? ('report.approved' as const) : ('report.rejected' as const),
    review_id: review.id,
    provider_organization_id: review.organizationId,
    reviewer_organization_id: reviewerOrganizationId,
    dataset_id: review.datasetId,
    dataset_revision: review.datasetRevision,
    report_sha256: review.reportSha256,
    artifact_sha256: review.artifactSha256,
    policy_sha256: review.policySha256,
    level: review.level,
  };
}
