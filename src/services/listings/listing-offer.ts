// What a listing offers buyers, in any state: the terms they request, order and receive under
// (price, purposes, duration, columns, the hashes a trade binds to). The buyer workflow reads it.
import type { ListingState } from '../../domain/index.js';
import type { Queryable } from '../../store/db.js';
import { findListing } from '../../store/repositories/listings.js';

export interface ListingOffer {
  readonly id: string;
  readonly organizationId: string;
  readonly revision: number;
  readonly state: ListingState;
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

/** Reads what a listing offers; undefined when there is no such listing. */
export async function readListingOffer(
  db: Queryable,
  listingId: string,
): Promise<ListingOffer | undefined> {
  const listing = await findListing(db, listingId);
  if (!listing) return undefined;
  return Object.freeze({
    id: listing.id,
    organizationId: listing.organizationId,
    revision: listing.revision,
    state: listing.state,
    sharingType: listing.sharingType,
    priceFen: listing.priceFen,
    permittedPurposes: purposeCodes(listing.permittedPurposes),
    accessDurationDays: listing.accessDurationDays,
    artifactSha256: listing.artifactSha256,
    artifactFormat: listing.artifactFormat,
    reportSha256: listing.reportSha256,
    licenceTermsSha256: listing.licenceTermsSha256,
    documentSha256: listing.documentSha256,
    columns: attributeColumns(listing.metadata, listing.preview),
    jobId: listing.jobId,
    title: listing.titleEn || listing.titleZh,
  });
}
