// The buyers' catalog: published listings only, full-text search, filters, paging, sorting.
import { createHash } from 'node:crypto';
import {
  findListing,
  searchPublishedListings,
  type CatalogSort,
  type ListingRecord,
} from '../../store/repositories/listings.js';
import { findOrganization } from '../../store/repositories/organizations.js';
import type { ServiceDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { collectAllPages, pageLimit, type Page, type PageRequest } from '../page.js';
import type { RequestContext } from '../request-context.js';
import { toListingView, type ListingView } from '../listings/listing-service.js';
import { CatalogVersion } from './catalog-version.js';
import { toDcatCatalog, type DcatCatalog } from './dcat.js';
import { describeRelease, type ReleaseDescription } from './release-description.js';
import { findReview } from '../../store/repositories/reviews.js';

/** A catalog entry: the listing as buyers see it (no review, job or dataset internals). */
export interface CatalogEntry extends Omit<
  ListingView,
  | 'state'
  | 'stateReason'
  | 'reviewId'
  | 'datasetId'
  | 'datasetRevision'
  | 'hashes'
  | 'createdAtMs'
  | 'updatedAtMs'
  | 'publishedAtMs'
> {
  readonly hashes: Omit<ListingView['hashes'], 'policySha256'>;
  readonly publishedAtMs: number;
}

export interface CatalogQuery extends PageRequest {
  /** Free text: every whitespace-separated term must occur in title, description or tags. */
  readonly q?: string;
  readonly category?: string;
  readonly securityGrade?: string;
  readonly sharingType?: string;
  readonly format?: string;
  /** Provider organization id. */
  readonly provider?: string;
  readonly priceMinFen?: number;
  readonly priceMaxFen?: number;
  readonly sort?: CatalogSort;
  readonly order?: 'asc' | 'desc';
}

export interface CatalogPage extends Page<CatalogEntry> {
  readonly total: number;
}

export const toCatalogEntry = (listing: ListingRecord): CatalogEntry => {
  const view = toListingView(listing);
  const { policySha256, ...hashes } = view.hashes;
  void policySha256;
  return {
    id: view.id,
    revision: view.revision,
    organizationId: view.organizationId,
    title: view.title,
    description: view.description,
    tags: view.tags,
    metadata: view.metadata,
    priceFen: view.priceFen,
    licenceTerms: view.licenceTerms,
    permittedPurposes: view.permittedPurposes,
    accessDurationDays: view.accessDurationDays,
    preview: view.preview,
    level: view.level,
    artifactFormat: view.artifactFormat,
    hashes,
    publishedAtMs: view.publishedAtMs ?? view.updatedAtMs,
  };
};

/** A catalog page as sent: its JSON bytes and their entity tag. */
export interface SerializedCatalogPage {
  readonly json: Buffer;
  readonly etag: string;
}

/** Pages kept per catalog version; beyond it the memory is cleared (queries vary without bound). */
const MAX_CACHED_PAGES = 256;

export class CatalogService {
  /** Serialized pages of `cachedVersion`, by query. */
  private readonly pages = new Map<string, SerializedCatalogPage>();
  private cachedVersion = -1;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly version: CatalogVersion = new CatalogVersion(),
  ) {}

  /** Any member may browse; the cursor is the offset of the next page. */
  async searchCatalog(context: RequestContext, query: CatalogQuery): Promise<CatalogPage> {
    void context;
    return this.searchPublished(query);
  }

  /**
   * `searchCatalog` serialized, from memory while no listing has changed: the page is the same for
   * every member, and building it (statements, rows, mapping, JSON) is what a request cost.
   */
  async searchCatalogSerialized(
    context: RequestContext,
    query: CatalogQuery,
  ): Promise<SerializedCatalogPage> {
    const version = await this.version.current(this.deps);
    if (version !== this.cachedVersion) {
      this.pages.clear();
      this.cachedVersion = version;
    }
    const key = JSON.stringify(query, Object.keys(query).sort());
    const cached = this.pages.get(key);
    if (cached !== undefined) return cached;
    const json = Buffer.from(JSON.stringify(await this.searchCatalog(context, query)));
    const page = { json, etag: entityTag(json) };
    // A listing that changed while the page was read: the page may be older than the version.
    if ((await this.version.current(this.deps)) === version) {
      if (this.pages.size >= MAX_CACHED_PAGES) this.pages.clear();
      this.pages.set(key, page);
    }
    return page;
  }

  private async searchPublished(query: CatalogQuery): Promise<CatalogPage> {
    const limit = pageLimit(query);
    const offset = query.cursor ? Math.max(Number.parseInt(query.cursor, 10) || 0, 0) : 0;
    const terms = (query.q ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((term) => term.length > 0)
      .slice(0, 10);
    const { items, total } = await searchPublishedListings(this.deps.readDb, {
      terms,
      category: query.category,
      securityGrade: query.securityGrade,
      sharingType: query.sharingType,
      format: query.format,
      organizationId: query.provider,
      priceMinFen: query.priceMinFen,
      priceMaxFen: query.priceMaxFen,
      sort: query.sort ?? 'published_at',
      order: query.order ?? (query.sort === 'published_at' || !query.sort ? 'desc' : 'asc'),
      limit,
      offset,
    });
    return {
      items: items.map(toCatalogEntry),
      nextCursor: offset + items.length < total ? String(offset + items.length) : null,
      total,
    };
  }

  async getCatalogEntry(context: RequestContext, listingId: string): Promise<CatalogEntry> {
    void context;
    const listing = await findListing(this.deps.readDb, listingId);
    if (!listing || listing.state !== 'published') throw notFound('listing', listingId);
    return toCatalogEntry(listing);
  }

  /**
   * The release a published listing sells, as its buyers read it: the released columns with
   * their roles and processing, the approved certificate's figures, and who approved it when.
   */
  async describeRelease(context: RequestContext, listingId: string): Promise<ReleaseDescription> {
    void context;
    const listing = await findListing(this.deps.readDb, listingId);
    if (!listing || listing.state !== 'published') throw notFound('listing', listingId);
    const review = await findReview(this.deps.readDb, listing.reviewId);
    const reviewer = review?.reviewerOrganizationId
      ? await findOrganization(this.deps.readDb, review.reviewerOrganizationId)
      : undefined;
    return describeRelease(
      await this.deps.blobs.get(listing.reportSha256, { raw: false }),
      {
        decidedAtMs: review?.decidedAtMs ?? null,
        reviewerOrganizationName: reviewer?.name ?? null,
      },
      listing.reportSha256,
    );
  }

  /**
   * The catalog of public listings — published, and open to the public with or without
   * conditions (open type not `none`) — as DCAT-AP JSON-LD (seed Art. 22: machine-readable
   * metadata), for anyone, without a key. IRIs are built from PUBLIC_URL, else the listen address:
   * never from a request.
   */
  async exportDcat(): Promise<DcatCatalog> {
    const entries = (
      await collectAllPages((cursor) =>
        this.searchPublished({ limit: 200, cursor, sort: 'published_at', order: 'asc' }),
      )
    ).filter((entry) => entry.metadata.openType !== 'none');
    const config = this.deps.config;
    const base = (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
    const providers = new Map<string, string>();
    for (const id of new Set(entries.map((entry) => entry.organizationId))) {
      const organization = await findOrganization(this.deps.readDb, id);
      if (organization) providers.set(id, organization.name);
    }
    return toDcatCatalog(entries, base, this.deps.clock.nowMs(), {
      exchange: {
        name: config.exchange.name,
        ...(config.exchange.contactEmail ? { email: config.exchange.contactEmail } : {}),
      },
      providers,
    });
  }
}

/** A weak entity tag of the bytes (as Express would compute it for each send). */
function entityTag(bytes: Buffer): string {
  const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
  return `W/"${bytes.length.toString(16)}-${hash}"`;
}
