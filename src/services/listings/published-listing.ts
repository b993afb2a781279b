// What the buyer workflow reads of a listing: only published ones, with the terms an order binds to.
import type { Queryable } from '../../store/db.js';
import { findListing } from '../../store/repositories/listings.js';
import type { CatalogMetadata, SharingType } from '../datasets/catalog-metadata.js';
import type { PermittedPurposes } from './listing-terms.js';

/**
 * A published listing at one revision. Orders and entitlements should record `id`, `revision`
 * and the hashes, so a trade names exactly the artifact, report, policy and licence it bought.
 */
export interface PublishedListing {
  readonly id: string;
  readonly revision: number;
  /** The provider organization. */
  readonly organizationId: string;
  /** Art. 15: unconditional listings can be ordered directly; conditional ones need a request. */
  readonly sharingType: SharingType;
  readonly sharingMethods: readonly ('download' | 'query_api')[];
  readonly permittedPurposes: PermittedPurposes;
  readonly priceFen: number;
  readonly accessDurationDays: number;
  readonly title: { readonly zh: string; readonly en: string };
  readonly level: string;
  readonly datasetId: string;
  readonly datasetRevision: number;
  readonly artifactSha256: string;
  readonly artifactFormat: string;
  readonly reportSha256: string;
  readonly policySha256: string;
  readonly licenceTermsSha256: string;
  readonly documentSha256: string;
  readonly publishedAtMs: number;
}

/**
 * Reads a listing if and only if it is published (draft, suspended, retired and revoked listings
 * are `undefined`). Takes a Queryable so the buyer workflow can call it inside its own order
 * transaction and see the state it commits against.
 */
export async function readPublishedListing(
  db: Queryable,
  listingId: string,
): Promise<PublishedListing | undefined> {
  const listing = await findListing(db, listingId);
  if (!listing || listing.state !== 'published') return undefined;
  const metadata = listing.metadata as CatalogMetadata;
  return {
    id: listing.id,
    revision: listing.revision,
    organizationId: listing.organizationId,
    sharingType: metadata.sharingType,
    sharingMethods: metadata.sharingMethod,
    permittedPurposes: listing.permittedPurposes as PermittedPurposes,
    priceFen: listing.priceFen,
    accessDurationDays: listing.accessDurationDays,
    title: { zh: listing.titleZh, en: listing.titleEn },
    level: listing.level,
    datasetId: listing.datasetId,
    datasetRevision: listing.datasetRevision,
    artifactSha256: listing.artifactSha256,
    artifactFormat: listing.artifactFormat,
    reportSha256: listing.reportSha256,
    policySha256: listing.policySha256,
    licenceTermsSha256: listing.licenceTermsSha256,
    documentSha256: listing.documentSha256,
    publishedAtMs: listing.publishedAtMs ?? listing.updatedAtMs,
  };
}
