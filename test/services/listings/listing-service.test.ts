import { expect } from 'chai';
import { ListingService } from '../../../src/services/listings/listing-service.js';
import { readPublishedListing } from '../../../src/services/listings/published-listing.js';
import { ReviewService } from '../../../src/services/reviews/review-service.js';
import {
  ADMIN_X,
  approvedJobFixture,
  BUYER_D,
  CHECKLIST_OK,
  createWorkflowFixture,
  PROVIDER_A,
  PROVIDER_C,
  REVIEWER_B,
  sampleMetadata,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';

const TERMS = {
  title: { zh: '门诊记录', en: 'Outpatient visits' },
  description: { zh: '脱敏门诊记录', en: 'Anonymized outpatient visits' },
  tags: ['health'],
  priceFen: 12_345,
  licenceTerms: 'Research only.',
  permittedPurposes: { codes: ['scientific_research'] },
  accessDurationDays: 90,
  previewRows: 2,
};

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('services/listings/listing-service', () => {
  let fixture: WorkflowFixture;
  let listings: ListingService;
  let reviews: ReviewService;
  let flow: Awaited<ReturnType<typeof approvedJobFixture>>;

  /** A job run with the next script, submitted, and (unless told) approved by another organization. */
  const reviewedJob = async (approve = true) => {
    const review = await reviews.submitForReview(PROVIDER_A, { jobId: await flow.runJob() });
    if (!approve) return review.id;
    await reviews.approveReview(REVIEWER_B, review.id, {
      reasons: 'Checked identifiers, risk and utility.',
      checklist: CHECKLIST_OK,
    });
    return review.id;
  };

  before(async () => {
    fixture = await createWorkflowFixture();
    // Scripts in run order: L3 passed, L2, L4 with a failed gate, then L4 passed for the rest.
    flow = await approvedJobFixture(fixture, [
      { level: 'L3' },
      { level: 'L2' },
      { level: 'L4', gatePassed: false },
      { level: 'L4' },
    ]);
    listings = new ListingService(fixture.deps, flow.engine, undefined, (id) =>
      publishedIds.push(id),
    );
    reviews = new ReviewService(fixture.deps);
  });
  after(async () => fixture.destroy());

  let listingId: string;
  /** The listings the service said it published (the delivery service prepares them). */
  const publishedIds: string[] = [];

  it('refuses an unapproved review, an L2 artifact and a failed gate', async () => {
    const l3Pending = await reviewedJob(false);
    expect(
      (await failure(listings.createListing(PROVIDER_A, { reviewId: l3Pending, ...TERMS }))).code,
    ).to.equal('listing_approval_required');
    const l2 = await reviewedJob();
    const refusedL2 = await failure(listings.createListing(PROVIDER_A, { reviewId: l2, ...TERMS }));
    expect(refusedL2.code).to.equal('listing_level_not_listable');
    expect(refusedL2.details).to.include({ level: 'L2' });
    const gateFailed = await reviewedJob();
    expect(
      (await failure(listings.createListing(PROVIDER_A, { reviewId: gateFailed, ...TERMS }))).code,
    ).to.equal('listing_level_not_listable');
    expect(await fixture.deps.db('listings').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('creates a draft from an approved L4 artifact with pinned hashes, metadata and a preview', async () => {
    const reviewId = await reviewedJob();
    const review = await reviews.getReview(PROVIDER_A, reviewId);
    const draft = await listings.createListing(PROVIDER_A, { reviewId, ...TERMS });
    listingId = draft.id;
    expect(draft).to.include({
      state: 'draft',
      revision: 1,
      level: 'L4',
      priceFen: 12345,
      datasetRevision: 1,
    });
    expect(draft.hashes).to.include({
      artifactSha256: review.artifactSha256,
      reportSha256: review.reportSha256,
      policySha256: review.policySha256,
    });
    expect(draft.metadata).to.deep.equal(sampleMetadata());
    expect(draft.preview).to.deep.equal([
      { age_band: '30-39', sex: 'M' },
      { age_band: '40-49', sex: 'F' },
    ]);
    expect(
      (await failure(listings.createListing(PROVIDER_C, { reviewId, ...TERMS }))).code,
    ).to.equal('not_found');
    expect(
      (await failure(listings.createListing(PROVIDER_A, { reviewId, ...TERMS, priceFen: 1.5 })))
        .code,
    ).to.equal('validation_failed');
  });

  it('edits only drafts, each edit a new revision with a new document hash', async () => {
    const before = await listings.getListing(PROVIDER_A, listingId);
    const edited = await listings.updateListing(PROVIDER_A, listingId, { priceFen: 0 });
    expect(edited).to.include({ revision: 2, priceFen: 0 });
    expect(edited.tags).to.deep.equal(['health']);
    expect(edited.hashes.documentSha256).not.to.equal(before.hashes.documentSha256);
  });

  const steps: { desc: string; run: () => Promise<unknown>; want: string }[] = [
    {
      desc: 'a buyer cannot publish',
      run: () => listings.publishListing(BUYER_D, listingId),
      want: 'not_found',
    },
    {
      desc: 'another provider cannot publish',
      run: () => listings.publishListing(PROVIDER_C, listingId),
      want: 'not_found',
    },
    {
      desc: 'an admin cannot publish',
      run: () => listings.publishListing(ADMIN_X, listingId),
      want: 'forbidden',
    },
    {
      desc: 'the provider publishes',
      run: () => listings.publishListing(PROVIDER_A, listingId),
      want: 'published',
    },
    {
      desc: 'published terms do not change',
      run: () => listings.updateListing(PROVIDER_A, listingId, { priceFen: 1 }),
      want: 'invalid_transition',
    },
    {
      desc: 'a published listing cannot be reinstated',
      run: () => listings.reinstateListing(PROVIDER_A, listingId),
      want: 'invalid_transition',
    },
    {
      desc: 'an admin suspends',
      run: () => listings.suspendListing(ADMIN_X, listingId, { reason: 'complaint' }),
      want: 'suspended',
    },
    {
      desc: 'the provider reinstates',
      run: () => listings.reinstateListing(PROVIDER_A, listingId),
      want: 'published',
    },
    {
      desc: 'the provider cannot revoke',
      run: () => listings.revokeListing(PROVIDER_A, listingId, { reason: 'x'.repeat(10) }),
      want: 'forbidden',
    },
    {
      desc: 'an admin must give a reason',
      run: () => listings.revokeListing(ADMIN_X, listingId, {}),
      want: 'validation_failed',
    },
    {
      desc: 'the provider retires',
      run: () => listings.retireListing(PROVIDER_A, listingId, {}),
      want: 'retired',
    },
    {
      desc: 'a retired listing cannot be revoked',
      run: () => listings.revokeListing(ADMIN_X, listingId, { reason: 'too late now' }),
      want: 'invalid_transition',
    },
  ];
  for (const step of steps) {
    it(`lifecycle: ${step.desc}`, async () => {
      const outcome = await step.run().then(
        (view) => (view as { state: string }).state,
        (error: { code: string }) => error.code,
      );
      expect(outcome).to.equal(step.want);
    });
  }

  it('tells of each publication once committed, never of a refused one', () => {
    expect(publishedIds).to.deep.equal([listingId]);
  });

  it('records each lifecycle change on the ledger with the listing revision and hashes', async () => {
    const rows = await fixture.deps
      .db('ledger_outbox')
      .where('kind', 'like', 'listing.%')
      .orderBy('id');
    expect(rows.map((row: { kind: string }) => row.kind)).to.deep.equal([
      'listing.published',
      'listing.suspended',
      'listing.published',
      'listing.retired',
    ]);
    const suspended = JSON.parse(rows[1].entry_json);
    const listing = await listings.getListing(PROVIDER_A, listingId);
    expect(suspended).to.include({
      listing_id: listingId,
      listing_revision: 2,
      provider_organization_id: 'org_a',
      actor_organization_id: 'org_x',
      document_sha256: listing.hashes.documentSha256,
      licence_terms_sha256: listing.hashes.licenceTermsSha256,
    });
  });

  it('gives the buyer workflow published listings only, with sharing type and purposes', async () => {
    const reviewId = await reviewedJob();
    const listing = await listings.createListing(PROVIDER_A, { reviewId, ...TERMS });
    expect(await readPublishedListing(fixture.deps.db, listing.id)).to.equal(undefined);
    await listings.publishListing(PROVIDER_A, listing.id);
    const published = await readPublishedListing(fixture.deps.db, listing.id);
    expect(published).to.include({
      id: listing.id,
      revision: 1,
      organizationId: 'org_a',
      sharingType: 'unconditional',
      priceFen: 12345,
      accessDurationDays: 90,
      documentSha256: listing.hashes.documentSha256,
    });
    expect(published?.permittedPurposes.codes).to.deep.equal(['scientific_research']);
    expect(await readPublishedListing(fixture.deps.db, listingId), 'retired').to.equal(undefined);
  });

  it('needs a new approval once the dataset has a new revision', async () => {
    const reviewId = await reviewedJob();
    const draft = await listings.createListing(PROVIDER_A, { reviewId, ...TERMS });
    await flow.datasets.updateMetadata(
      PROVIDER_A,
      flow.datasetId,
      sampleMetadata({ updateFrequency: 'daily' }),
    );
    const publish = await failure(listings.publishListing(PROVIDER_A, draft.id));
    expect(publish.code).to.equal('listing_approval_superseded');
    expect(publish.details).to.include({ approvedRevision: 1, latestRevision: 2 });
    expect(
      (await failure(listings.createListing(PROVIDER_A, { reviewId, ...TERMS }))).code,
    ).to.equal('listing_approval_superseded');
    // A job over revision 2, approved again, lists.
    const fresh = await reviewedJob();
    const listing = await listings.createListing(PROVIDER_A, { reviewId: fresh, ...TERMS });
    expect(listing.datasetRevision).to.equal(2);
    expect(listing.metadata.updateFrequency).to.equal('daily');
    expect((await listings.publishListing(PROVIDER_A, listing.id)).state).to.equal('published');
  });
});
