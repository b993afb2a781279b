// Listings on the exchange: created only from an approved, current, L3/L4, gate-passed artifact;
// lifecycle draft → published → suspended → retired, revoked by an admin; each change on the ledger.
import type { ListingState } from '../../domain/index.js';
import type { Transaction } from '../../store/db.js';
import { findJob } from '../../store/repositories/anonymization-jobs.js';
import { findDataset, findRevision } from '../../store/repositories/datasets.js';
import {
  findListing,
  insertListing,
  listListingsOfOrganization,
  replaceListingIf,
  type ListingRecord,
} from '../../store/repositories/listings.js';
import { findReview, type ReviewRecord } from '../../store/repositories/reviews.js';
import { auditBy, recordAudit } from '../audit.js';
import { CatalogVersion } from '../catalog/catalog-version.js';
import type { ServiceDeps } from '../deps.js';
import { forbidden, invalidTransition, notFound } from '../errors.js';
import { recordLedgerEvent, type LedgerEventKind } from '../ledger-outbox.js';
import { hasRole, requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import type { CatalogMetadata, DataFormat } from '../datasets/catalog-metadata.js';
import type { AnonymizationEngine } from '../engine/anonymization-engine.js';
import { readArtifactHead } from './artifact-head.js';
import { licenceTermsSha256, listingDocumentSha256, toSearchText } from './listing-document.js';
import { ProviderWorkflowError } from '../provider-workflow-error.js';
import { LISTABLE_LEVELS, nextListingState, type ListingEvent } from './listing-state.js';
import {
  listingPatchSchema,
  newListingSchema,
  type ListingTerms,
  type PermittedPurposes,
} from './listing-terms.js';
import { z } from 'zod';
import { parseInput } from '../datasets/parse-input.js';

export interface ListingView {
  readonly id: string;
  readonly organizationId: string;
  readonly revision: number;
  readonly state: ListingState;
  readonly stateReason: string | null;
  readonly reviewId: string;
  readonly datasetId: string;
  readonly datasetRevision: number;
  readonly title: { readonly zh: string; readonly en: string };
  readonly description: { readonly zh: string; readonly en: string };
  readonly tags: readonly string[];
  readonly metadata: CatalogMetadata;
  readonly priceFen: number;
  readonly licenceTerms: string;
  readonly permittedPurposes: PermittedPurposes;
  readonly accessDurationDays: number;
  readonly preview: readonly Record<string, unknown>[];
  readonly level: string;
  readonly artifactFormat: string;
  /** The hashes a trade references (seed Art. 19): artifact, report, policy, licence, document. */
  readonly hashes: {
    readonly artifactSha256: string;
    readonly reportSha256: string;
    readonly policySha256: string;
    readonly licenceTermsSha256: string;
    readonly documentSha256: string;
  };
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly publishedAtMs: number | null;
}

export const toListingView = (listing: ListingRecord): ListingView => ({
  id: listing.id,
  organizationId: listing.organizationId,
  revision: listing.revision,
  state: listing.state,
  stateReason: listing.stateReason,
  reviewId: listing.reviewId,
  datasetId: listing.datasetId,
  datasetRevision: listing.datasetRevision,
  title: { zh: listing.titleZh, en: listing.titleEn },
  description: { zh: listing.descriptionZh, en: listing.descriptionEn },
  tags: listing.tags,
  metadata: listing.metadata as CatalogMetadata,
  priceFen: listing.priceFen,
  licenceTerms: listing.licenceTerms,
  permittedPurposes: listing.permittedPurposes as PermittedPurposes,
  accessDurationDays: listing.accessDurationDays,
  preview: listing.preview as Record<string, unknown>[],
  level: listing.level,
  artifactFormat: listing.artifactFormat,
  hashes: {
    artifactSha256: listing.artifactSha256,
    reportSha256: listing.reportSha256,
    policySha256: listing.policySha256,
    licenceTermsSha256: listing.licenceTermsSha256,
    documentSha256: listing.documentSha256,
  },
  createdAtMs: listing.createdAtMs,
  updatedAtMs: listing.updatedAtMs,
  publishedAtMs: listing.publishedAtMs,
});

const reasonSchema = z.object({ reason: z.string().trim().min(5).max(4000) }).strict();
const optionalReasonSchema = z
  .object({ reason: z.string().trim().min(1).max(4000).optional() })
  .strict();

const listingEventKinds: Partial<Record<ListingEvent, LedgerEventKind>> = {
  publish: 'listing.published',
  reinstate: 'listing.published',
  suspend: 'listing.suspended',
  retire: 'listing.retired',
  revoke: 'listing.revoked',
};

export class ListingService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly engine: AnonymizationEngine,
    /** Told of every committed listing change, so catalog pages in memory are dropped. */
    private readonly catalogVersion: CatalogVersion = new CatalogVersion(),
    /** Told of each listing this gateway publishes, once committed (delivery prepares it). */
    private readonly onPublished: (listingId: string) => void = () => undefined,
  ) {}

  /** Creates a draft from an approved review (see assertListable for every condition). */
  async createListing(context: RequestContext, input: unknown): Promise<ListingView> {
    requireRole(context.principal, 'provider');
    const body = parseInput(newListingSchema, input, 'listing');
    const review = await findReview(this.deps.db, body.reviewId);
    if (!review || review.organizationId !== context.principal.organizationId) {
      throw notFound('review', body.reviewId);
    }
    await this.assertListable(this.deps.db, review);
    const job = await findJob(this.deps.db, review.jobId);
    const revision = await findRevision(this.deps.db, review.datasetId, review.datasetRevision);
    if (!job?.output || !revision) throw notFound('review', review.id);
    const preview =
      body.previewRows === 0
        ? []
        : await this.engine.previewRows(
            {
              content: await readArtifactHead(
                this.deps.blobs,
                review.artifactSha256,
                job.output.artifactFormat,
                body.previewRows,
              ),
              format: job.output.artifactFormat as DataFormat,
            },
            body.previewRows,
          );
    const metadata = revision.metadata as CatalogMetadata;
    const nowMs = this.deps.clock.nowMs();
    const listing = withTerms(
      {
        id: this.deps.ids.newId('lst'),
        organizationId: review.organizationId,
        reviewId: review.id,
        jobId: review.jobId,
        datasetId: review.datasetId,
        datasetRevision: review.datasetRevision,
        revision: 1,
        state: 'draft',
        metadata,
        preview,
        artifactSha256: review.artifactSha256,
        artifactFormat: job.output.artifactFormat,
        reportSha256: review.reportSha256,
        policySha256: review.policySha256,
        level: review.level,
        category: metadata.classification.subjectCategory,
        securityGrade: metadata.classification.securityGrade,
        sharingType: metadata.sharingType,
        format: metadata.format,
        stateReason: null,
        createdBy: context.principal.memberId,
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
        publishedAtMs: null,
      },
      body,
    );
    await this.deps.db.transaction(async (trx) => {
      await this.assertListable(trx, review);
      await insertListing(trx, listing);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'listing.created',
        target: listing.id,
        details: { reviewId: review.id, documentSha256: listing.documentSha256 },
      });
    });
    this.catalogVersion.changed();
    return toListingView(listing);
  }

  /** Edits a draft: a new listing revision with a new document hash. */
  async updateListing(context: RequestContext, id: string, input: unknown): Promise<ListingView> {
    const patch = parseInput(listingPatchSchema, input, 'listing patch');
    return this.transition(context, id, 'edit', async (_trx, listing) => {
      const current: ListingTerms = {
        title: { zh: listing.titleZh, en: listing.titleEn },
        description: { zh: listing.descriptionZh, en: listing.descriptionEn },
        tags: [...listing.tags],
        priceFen: listing.priceFen,
        licenceTerms: listing.licenceTerms,
        permittedPurposes: listing.permittedPurposes as PermittedPurposes,
        accessDurationDays: listing.accessDurationDays,
        previewRows: (listing.preview as unknown[]).length,
      };
      return withTerms({ ...listing, revision: listing.revision + 1 }, { ...current, ...patch });
    });
  }

  async publishListing(context: RequestContext, id: string): Promise<ListingView> {
    const published = await this.transition(context, id, 'publish', async (trx, listing) => {
      await this.assertListable(trx, await this.reviewOf(trx, listing));
      return { ...listing, publishedAtMs: this.deps.clock.nowMs(), stateReason: null };
    });
    this.onPublished(id);
    return published;
  }

  async suspendListing(context: RequestContext, id: string, input: unknown): Promise<ListingView> {
    const { reason } = parseInput(optionalReasonSchema, input ?? {}, 'suspension');
    return this.transition(context, id, 'suspend', async (_trx, listing) => ({
      ...listing,
      stateReason: reason ?? null,
    }));
  }

  async reinstateListing(context: RequestContext, id: string): Promise<ListingView> {
    return this.transition(context, id, 'reinstate', async (trx, listing) => {
      await this.assertListable(trx, await this.reviewOf(trx, listing));
      return { ...listing, stateReason: null };
    });
  }

  async retireListing(context: RequestContext, id: string, input: unknown): Promise<ListingView> {
    const { reason } = parseInput(optionalReasonSchema, input ?? {}, 'retirement');
    return this.transition(context, id, 'retire', async (_trx, listing) => ({
      ...listing,
      stateReason: reason ?? null,
    }));
  }

  /** An exchange admin takes a listing down for good; the reason is mandatory (Art. 54). */
  async revokeListing(context: RequestContext, id: string, input: unknown): Promise<ListingView> {
    const { reason } = parseInput(reasonSchema, input, 'revocation');
    return this.transition(context, id, 'revoke', async (_trx, listing) => ({
      ...listing,
      stateReason: reason,
    }));
  }

  /** Own organization's listings in any state; admins may read any listing. */
  async getListing(context: RequestContext, id: string): Promise<ListingView> {
    const listing = await findListing(this.deps.db, id);
    if (!listing || !this.mayManage(context, listing, 'read')) throw notFound('listing', id);
    return toListingView(listing);
  }

  async listListings(context: RequestContext, state?: ListingState): Promise<ListingView[]> {
    requireRole(context.principal, 'provider');
    const records = await listListingsOfOrganization(
      this.deps.db,
      context.principal.organizationId,
      state,
    );
    return records.map(toListingView);
  }

  /**
   * Runs one lifecycle event in one transaction: role check, state machine, optimistic update,
   * audit row and (for publication, suspension, retirement, revocation) a ledger event.
   */
  private async transition(
    context: RequestContext,
    id: string,
    event: ListingEvent,
    apply: (trx: Transaction, listing: ListingRecord) => Promise<ListingRecord>,
  ): Promise<ListingView> {
    const updated = await this.deps.db.transaction(async (trx) => {
      const listing = await findListing(trx, id);
      if (!listing || !this.mayManage(context, listing, 'read')) throw notFound('listing', id);
      if (!this.mayManage(context, listing, event)) {
        throw forbidden(
          event === 'revoke'
            ? 'only an exchange admin may revoke a listing'
            : `only the listing organization's providers may ${event} it`,
          { event },
        );
      }
      const state = nextListingState(listing.state, event);
      const nowMs = this.deps.clock.nowMs();
      const changed = await apply(trx, listing);
      const next: ListingRecord = { ...changed, state, updatedAtMs: nowMs };
      if (
        !(await replaceListingIf(trx, next, { revision: listing.revision, state: listing.state }))
      ) {
        throw invalidTransition('listing', listing.state, event);
      }
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        organizationId: listing.organizationId,
        action: `listing.${event === 'edit' ? 'edited' : state}`,
        target: id,
        details: { from: listing.state, to: state, revision: next.revision },
      });
      const kind = listingEventKinds[event];
      if (kind) {
        await recordLedgerEvent(trx, this.deps.clock, {
          kind,
          listing_id: next.id,
          listing_revision: next.revision,
          provider_organization_id: next.organizationId,
          actor_organization_id: context.principal.organizationId,
          document_sha256: next.documentSha256,
          artifact_sha256: next.artifactSha256,
          report_sha256: next.reportSha256,
          policy_sha256: next.policySha256,
          licence_terms_sha256: next.licenceTermsSha256,
        });
      }
      return next;
    });
    this.catalogVersion.changed();
    return toListingView(updated);
  }

  /**
   * Providers manage their organization's listings; admins read any and suspend or revoke any;
   * only admins revoke.
   */
  private mayManage(
    context: RequestContext,
    listing: ListingRecord,
    action: ListingEvent | 'read',
  ): boolean {
    const { principal } = context;
    const ownProvider =
      listing.organizationId === principal.organizationId && hasRole(principal, 'provider');
    const admin = hasRole(principal, 'admin');
    switch (action) {
      case 'read':
        return ownProvider || admin;
      case 'revoke':
        return admin;
      case 'suspend':
        return ownProvider || admin;
      default:
        return ownProvider;
    }
  }

  private async reviewOf(trx: Transaction, listing: ListingRecord): Promise<ReviewRecord> {
    const review = await findReview(trx, listing.reviewId);
    if (!review) throw notFound('review', listing.reviewId);
    return review;
  }

  /**
   * Seed Art. 29 before anything is listed: the review is approved, covers the dataset's latest
   * revision (a new revision needs a new approval), the level is L3 or L4, and the gate passed.
   */
  private async assertListable(
    db: ServiceDeps['db'] | Transaction,
    review: ReviewRecord,
  ): Promise<void> {
    if (review.state !== 'approved') {
      throw new ProviderWorkflowError(
        'listing_approval_required',
        `review ${review.id} is ${review.state}, not approved`,
        { details: { reviewId: review.id, state: review.state } },
      );
    }
    const dataset = await findDataset(db, review.datasetId);
    if (!dataset) throw notFound('dataset', review.datasetId);
    if (dataset.latestRevision !== review.datasetRevision) {
      throw new ProviderWorkflowError(
        'listing_approval_superseded',
        `the approval covers revision ${review.datasetRevision}; the dataset is at revision ${dataset.latestRevision}`,
        {
          details: {
            reviewId: review.id,
            approvedRevision: review.datasetRevision,
            latestRevision: dataset.latestRevision,
          },
        },
      );
    }
    if (!LISTABLE_LEVELS.includes(review.level) || !review.gatePassed) {
      throw new ProviderWorkflowError(
        'listing_level_not_listable',
        `level ${review.level} with the gate ${review.gatePassed ? 'passed' : 'failed'} cannot be listed; want L3 or L4 and a passed gate`,
        { details: { level: review.level, gatePassed: review.gatePassed } },
      );
    }
  }
}

/** Applies listing terms and recomputes what derives from them (search text, hashes). */
function withTerms(
  base: Omit<
    ListingRecord,
    | 'titleZh'
    | 'titleEn'
    | 'descriptionZh'
    | 'descriptionEn'
    | 'tags'
    | 'priceFen'
    | 'licenceTerms'
    | 'licenceTermsSha256'
    | 'permittedPurposes'
    | 'accessDurationDays'
    | 'searchText'
    | 'documentSha256'
  > & { preview: unknown },
  terms: ListingTerms,
): ListingRecord {
  const preview = base.preview as unknown[];
  const withText = {
    ...base,
    preview: preview.slice(0, terms.previewRows),
    titleZh: terms.title.zh,
    titleEn: terms.title.en,
    descriptionZh: terms.description.zh,
    descriptionEn: terms.description.en,
    tags: terms.tags,
    priceFen: terms.priceFen,
    licenceTerms: terms.licenceTerms,
    licenceTermsSha256: licenceTermsSha256(terms.licenceTerms),
    permittedPurposes: terms.permittedPurposes,
    accessDurationDays: terms.accessDurationDays,
  };
  const withSearch = { ...withText, searchText: toSearchText(withText) };
  return { ...withSearch, documentSha256: listingDocumentSha256(withSearch) };
}
