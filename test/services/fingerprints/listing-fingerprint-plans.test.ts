// A listing's fingerprint plan is made once (concurrent first accesses share one planning), stored
// sealed and reused by every other gateway; a failed planning leaves copies unmarked and is
// retried after PLANNING_RETRY_MS; a trade's artifact the plan was not made from stays unmarked.
import { expect } from 'chai';
import { planFingerprintInWorker } from '../../../src/services/engine/engine-thread.js';
import type { FingerprintPlanningRequest } from '../../../src/services/engine/plan-listing-fingerprint.js';
import {
  ListingFingerprintPlans,
  PLANNING_RETRY_MS,
  type FingerprintPlanningRunner,
} from '../../../src/services/fingerprints/index.js';
import { findListing } from '../../../src/store/repositories/listings.js';
import { SEALED_PREFIX } from '../../../src/store/secret-box.js';
import { createBuyerFixture, type BuyerFixture } from '../../helpers/buyer-workflow.js';
import { createReleaseListing, type ReleaseListing } from '../../helpers/incident-fixture.js';

describe('services/fingerprints listing plans', function () {
  this.timeout(120_000);
  let fixture: BuyerFixture;
  let release: ReleaseListing;
  const calls: FingerprintPlanningRequest[] = [];
  let failNext = false;
  const runner: FingerprintPlanningRunner = (request) => {
    calls.push(request);
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('worker ran out of memory'));
    }
    return planFingerprintInWorker(request, fixture.deps.blobs.workerSpec(), undefined);
  };

  before(async () => {
    fixture = await createBuyerFixture();
    release = await createReleaseListing(fixture.deps);
  });
  after(() => fixture.destroy());

  it('plans once for concurrent first accesses, in the worker, the plan core makes; stores it sealed', async () => {
    const listing = (await findListing(fixture.deps.db, release.listing.listingId))!;
    const plans = new ListingFingerprintPlans(fixture.deps, runner);
    const marks = await Promise.all([
      plans.markOf(listing, listing.artifactSha256),
      plans.markOf(listing, listing.artifactSha256),
      plans.markOf(listing, listing.artifactSha256),
    ]);
    expect(calls).to.have.length(1);
    for (const mark of marks) {
      expect(mark.kind).to.equal('planned');
      if (mark.kind !== 'planned') continue;
      expect(mark.plan.digest).to.equal(release.plan.digest);
      expect(Array.from(mark.plan.first)).to.deep.equal(Array.from(release.plan.first));
      expect(Array.from(mark.plan.second)).to.deep.equal(Array.from(release.plan.second));
    }
    const row = await fixture.deps
      .db('listing_fingerprint_plans')
      .where({ listing_id: listing.id })
      .first();
    expect(row.sealed_pairs.startsWith(SEALED_PREFIX)).to.equal(true);
    expect(JSON.parse(row.summary_json).worstCase).to.include({
      rowsWithheld: 2 * release.plan.first.length,
      classesAfter: release.prepared.privacy.measurement.classes,
      kAfter: release.prepared.privacy.measurement.k,
    });

    // Another gateway reads the stored plan: no planning.
    const other = new ListingFingerprintPlans(fixture.deps, runner);
    const read = await other.markOf(listing, listing.artifactSha256);
    expect(read.kind === 'planned' && read.plan.digest).to.equal(release.plan.digest);
    expect(calls).to.have.length(1);
    expect((await other.storedPlanOf(listing.id))?.digest).to.equal(release.plan.digest);

    // A trade bound to another artifact is not served under this plan.
    expect(await other.markOf(listing, 'f'.repeat(64))).to.deep.equal({
      kind: 'unmarked',
      reason: 'artifact_differs',
    });
  });

  it('leaves copies unmarked while planning fails, and plans again after the retry delay', async () => {
    const second = await createReleaseListing(fixture.deps);
    const listing = (await findListing(fixture.deps.db, second.listing.listingId))!;
    const plans = new ListingFingerprintPlans(fixture.deps, runner);
    calls.length = 0;
    failNext = true;
    expect(await plans.markOf(listing, listing.artifactSha256)).to.deep.equal({
      kind: 'unmarked',
      reason: 'plan_unavailable',
    });
    expect(await plans.markOf(listing, listing.artifactSha256)).to.deep.equal({
      kind: 'unmarked',
      reason: 'plan_unavailable',
    });
    expect(calls).to.have.length(1);
    expect(
      await fixture.deps.db('listing_fingerprint_plans').where({ listing_id: listing.id }).first(),
    ).to.equal(undefined);
    fixture.clock.advance(PLANNING_RETRY_MS);
    const mark = await plans.markOf(listing, listing.artifactSha256);
    expect(mark.kind === 'planned' && mark.plan.digest).to.equal(second.plan.digest);
    expect(calls).to.have.length(2);
  });
});
