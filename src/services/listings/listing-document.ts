// The canonical listing document of one revision: what buyers agree to and what the ledger pins.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.js';
import type { ListingRecord } from '../../store/repositories/listings.js';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of the licence text as written (UTF-8), so a trade can cite the exact terms. */
export function licenceTermsSha256(licenceTerms: string): string {
  return sha256Hex(licenceTerms);
}

/** Lower-cased title, description and tags: the text the catalog search matches. */
export function toSearchText(
  listing: Pick<ListingRecord, 'titleZh' | 'titleEn' | 'descriptionZh' | 'descriptionEn' | 'tags'>,
): string {
  return [
    listing.titleZh,
    listing.titleEn,
    listing.descriptionZh,
    listing.descriptionEn,
    ...listing.tags,
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * SHA-256 of the RFC 8785 canonical JSON of the listing's terms and pinned hashes at this
 * revision. Any change of terms makes a new revision and so a new document hash.
 */
export function listingDocumentSha256(listing: Omit<ListingRecord, 'documentSha256'>): string {
  return sha256Hex(
    canonicalJson({
      listing_id: listing.id,
      revision: listing.revision,
      organization_id: listing.organizationId,
      review_id: listing.reviewId,
      dataset_id: listing.datasetId,
      dataset_revision: listing.datasetRevision,
      title: { zh: listing.titleZh, en: listing.titleEn },
      description: { zh: listing.descriptionZh, en: listing.descriptionEn },
      tags: listing.tags,
      metadata: listing.metadata,
      price_fen: listing.priceFen,
      licence_terms_sha256: listing.licenceTermsSha256,
      permitted_purposes: listing.permittedPurposes,
      access_duration_days: listing.accessDurationDays,
      artifact_sha256: listing.artifactSha256,
      artifact_format: listing.artifactFormat,
      report_sha256: listing.reportSha256,
      policy_sha256: listing.policySha256,
      level: listing.level,
    }),
  );
}
