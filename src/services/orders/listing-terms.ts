// The narrow seam to the provider workflow: the terms of a listing that buyers request, order and receive.
import type { Queryable } from '../../store/db.js';
import { findListingTermsRow } from '../../store/repositories/listing-terms.js';

export interface ListingTerms {
  readonly id: string;
  readonly organizationId: string;
  readonly revision: number;
  readonly state: string;
  readonly sharingType: 'unconditional' | 'conditional' | 'none' | string;
  readonly priceFen: number;
  /** Purpose codes buyers may declare (seed Art. 18). */
  readonly permittedPurposes: readonly string[];
  readonly accessDurationDays: number;
  readonly artifactSha256: string;
  readonly artifactFormat: string;
  readonly reportSha256: string;
  readonly licenceTermsSha256: string;
  readonly documentSha256: string;
  /** Columns of the anonymized artifact, from the listing's data dictionary (Art. 10 attributes). */
  readonly columns: readonly string[];
  readonly jobId: string;
  readonly title: string;
}

/**
 * Purposes may be stored as codes (`["research"]`) or as entries (`[{ code, label }]`), plus free
 * text; only codes are something a buyer can declare and a check can compare.
 */
export function purposeCodes(permittedPurposes: unknown): string[] {
  const list = Array.isArray(permittedPurposes)
    ? permittedPurposes
    : typeof permittedPurposes === 'object' && permittedPurposes !== null
      ? ((permittedPurposes as { codes?: unknown; purposes?: unknown }).codes ??
        (permittedPurposes as { purposes?: unknown }).purposes)
      : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) =>
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null
          ? (entry as { code?: unknown }).code
          : undefined,
    )
    .filter((code): code is string => typeof code === 'string' && code.length > 0);
}

/**
 * The columns a buyer can be entitled to: those of the anonymized artifact, as the listing's
 * preview shows them. The Art. 10 data dictionary describes the raw upload (it may name columns
 * the policy dropped), so it serves only when a listing has no preview.
 */
function attributeColumns(metadata: unknown, preview: unknown): string[] {
  const previewColumns = (preview as { columns?: unknown } | null)?.columns;
  if (Array.isArray(previewColumns))
    return previewColumns.filter((c): c is string => typeof c === 'string');
  if (
    Array.isArray(preview) &&
    preview.length > 0 &&
    typeof preview[0] === 'object' &&
    preview[0] !== null
  ) {
    return Object.keys(preview[0] as object);
  }
  const attributes = (metadata as { attributes?: unknown } | null)?.attributes;
  if (!Array.isArray(attributes)) return [];
  return attributes
    .map((attribute) => (attribute as { column?: unknown }).column)
    .filter((column): column is string => typeof column === 'string');
}

/** Reads a listing's terms; undefined when there is no such listing. */
export async function readListingTerms(
  db: Queryable,
  listingId: string,
): Promise<ListingTerms | undefined> {
  const row = await findListingTermsRow(db, listingId);
  if (!row) return undefined;
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  };
  return Object.freeze({
    id: row.id,
    organizationId: row.organizationId,
    revision: row.revision,
    state: row.state,
    sharingType: row.sharingType,
    priceFen: row.priceFen,
    permittedPurposes: purposeCodes(parse(row.permittedPurposesJson)),
    accessDurationDays: row.accessDurationDays,
    artifactSha256: row.artifactSha256,
    artifactFormat: row.artifactFormat,
    reportSha256: row.reportSha256,
    licenceTermsSha256: row.licenceTermsSha256,
    documentSha256: row.documentSha256,
    columns: attributeColumns(parse(row.metadataJson), parse(row.previewJson)),
    jobId: row.jobId,
    title: row.titleEn || row.titleZh,
  });
}
