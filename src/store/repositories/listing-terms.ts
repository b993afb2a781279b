// A read-only view of `listings` (migration 023, owned by the provider workflow) for the buyer workflow.
import type { Queryable } from '../db.js';

/** The columns of a listing row the buyer workflow reads; JSON columns still as text. */
export interface ListingTermsRow {
  readonly id: string;
  readonly organizationId: string;
  readonly jobId: string;
  readonly revision: number;
  readonly state: string;
  readonly sharingType: string;
  readonly priceFen: number;
  readonly permittedPurposesJson: string;
  readonly accessDurationDays: number;
  readonly artifactSha256: string;
  readonly artifactFormat: string;
  readonly reportSha256: string;
  readonly licenceTermsSha256: string;
  readonly documentSha256: string;
  readonly metadataJson: string;
  readonly previewJson: string;
  readonly titleEn: string;
  readonly titleZh: string;
}

export async function findListingTermsRow(
  db: Queryable,
  id: string,
): Promise<ListingTermsRow | undefined> {
  const row = (await db('listings').where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    id: String(row.id),
    organizationId: String(row.organization_id),
    jobId: String(row.job_id),
    revision: Number(row.revision),
    state: String(row.state),
    sharingType: String(row.sharing_type),
    priceFen: Number(row.price_fen),
    permittedPurposesJson: String(row.permitted_purposes_json),
    accessDurationDays: Number(row.access_duration_days),
    artifactSha256: String(row.artifact_sha256),
    artifactFormat: String(row.artifact_format),
    reportSha256: String(row.report_sha256),
    licenceTermsSha256: String(row.licence_terms_sha256),
    documentSha256: String(row.document_sha256),
    metadataJson: String(row.metadata_json),
    previewJson: String(row.preview_json),
    titleEn: String(row.title_en),
    titleZh: String(row.title_zh),
  };
}

/** The `k` the listing's anonymization job reported in its summary, when it did. */
export async function findJobMinimumGroupSize(
  db: Queryable,
  jobId: string,
): Promise<number | undefined> {
  const row = (await db('anonymization_jobs')
    .where({ id: jobId })
    .select('summary_json')
    .first()) as { summary_json: string | null } | undefined;
  if (!row || row.summary_json === null) return undefined;
  try {
    const summary = JSON.parse(row.summary_json) as { k?: unknown };
    return typeof summary.k === 'number' && Number.isInteger(summary.k) && summary.k > 0
      ? summary.k
      : undefined;
  } catch {
    return undefined;
  }
}
