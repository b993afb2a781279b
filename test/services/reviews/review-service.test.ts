import { expect } from 'chai';
import { ReviewService } from '../../../src/services/reviews/review-service.js';
import {
  ADMIN_X,
  approvedJobFixture,
  BUYER_D,
  CHECKLIST_OK,
  createWorkflowFixture,
  PROVIDER_A,
  PROVIDER_C,
  REVIEWER_A,
  REVIEWER_B,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';
import { codeOf } from '../../helpers/service-fixture.js';

const REASONS = 'Identifiers removed; risk figures recomputed and within threshold.';

describe('services/reviews/review-service', () => {
  let fixture: WorkflowFixture;
  let reviews: ReviewService;
  let runJob: () => Promise<string>;

  before(async () => {
    fixture = await createWorkflowFixture();
    reviews = new ReviewService(fixture.deps);
    ({ runJob } = await approvedJobFixture(fixture, [{ level: 'L3' }]));
  });
  after(async () => fixture.destroy());

  it('pins the report, artifact and policy hashes and the dataset revision at submission', async () => {
    const jobId = await runJob();
    const job = await fixture.deps.db('anonymization_jobs').where({ id: jobId }).first();
    const review = await reviews.submitForReview(PROVIDER_A, { jobId, note: 'first run' });
    expect(review).to.include({
      state: 'pending',
      jobId,
      datasetRevision: 1,
      current: true,
      reportSha256: job.report_sha256,
      artifactSha256: job.artifact_sha256,
      policySha256: job.policy_sha256,
      level: 'L3',
      gatePassed: true,
    });
    expect(
      await codeOf(reviews.submitForReview(PROVIDER_A, { jobId })),
      'one open review per job',
    ).to.equal('conflict');
  });

  it('enforces separation of duties: no reviewer of the provider organization decides', async () => {
    const review = await reviews.submitForReview(PROVIDER_A, { jobId: await runJob() });
    const decision = { reasons: REASONS, checklist: CHECKLIST_OK };
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        'reviewer of the same organization approves',
        () => reviews.approveReview(REVIEWER_A, review.id, decision),
        'review_separation_of_duties',
      ],
      [
        'reviewer of the same organization rejects',
        () => reviews.rejectReview(REVIEWER_A, review.id, decision),
        'review_separation_of_duties',
      ],
      [
        'the provider approves',
        () => reviews.approveReview(PROVIDER_A, review.id, decision),
        'forbidden',
      ],
      ['an admin approves', () => reviews.approveReview(ADMIN_X, review.id, decision), 'forbidden'],
      ['a buyer reads', () => reviews.getReview(BUYER_D, review.id), 'forbidden'],
      ['another provider reads', () => reviews.getReview(PROVIDER_C, review.id), 'not_found'],
    ];
    for (const [desc, call, want] of cases) expect(await codeOf(call()), desc).to.equal(want);
    expect((await reviews.getReview(PROVIDER_A, review.id)).state).to.equal('pending');
  });

  it('needs reasons on every decision and the whole checklist to approve', async () => {
    const review = await reviews.submitForReview(PROVIDER_A, { jobId: await runJob() });
    const cases = [
      { reasons: '', checklist: CHECKLIST_OK },
      { reasons: REASONS },
      { reasons: REASONS, checklist: { ...CHECKLIST_OK, identifiersChecked: false } },
    ];
    for (const decision of cases) {
      expect(await codeOf(reviews.approveReview(REVIEWER_B, review.id, decision))).to.equal(
        'validation_failed',
      );
    }
    expect(
      await codeOf(reviews.rejectReview(REVIEWER_B, review.id, { checklist: CHECKLIST_OK })),
    ).to.equal('validation_failed');
    const rejected = await reviews.rejectReview(REVIEWER_B, review.id, {
      reasons: 'Utility too low: ages banded to 50 years.',
      checklist: { ...CHECKLIST_OK, utilityAcceptable: false },
    });
    expect(rejected).to.include({ state: 'rejected', reviewerOrganizationId: 'org_b' });
    expect(rejected.checklist?.utilityAcceptable).to.equal(false);
    const again = await reviews
      .approveReview(REVIEWER_B, review.id, { reasons: REASONS, checklist: CHECKLIST_OK })
      .catch((error: { code: string; details: Record<string, unknown> }) => error);
    expect(again).to.deep.include({ code: 'invalid_transition' });
    expect((again as { details: Record<string, unknown> }).details).to.include({
      state: 'rejected',
      event: 'approve',
    });
  });

  it('appends approvals and rejections to the ledger outbox with ids and hashes only', async () => {
    const review = await reviews.submitForReview(PROVIDER_A, { jobId: await runJob() });
    await reviews.approveReview(REVIEWER_B, review.id, {
      reasons: REASONS,
      checklist: CHECKLIST_OK,
    });
    const rows = await fixture.deps.db('ledger_outbox').orderBy('id');
    expect(rows.map((row: { kind: string }) => row.kind)).to.deep.equal([
      'report.rejected',
      'report.approved',
    ]);
    const approved = JSON.parse(rows[1].entry_json);
    expect(approved).to.include({
      kind: 'report.approved',
      review_id: review.id,
      provider_organization_id: 'org_a',
      reviewer_organization_id: 'org_b',
      report_sha256: review.reportSha256,
      artifact_sha256: review.artifactSha256,
      policy_sha256: review.policySha256,
      dataset_revision: 1,
    });
    expect(rows[1].entry_json).not.to.include(REASONS.slice(0, 20));
  });

  it('serves the queue by state, provider and age, never the reviewer’s own organization', async () => {
    fixture.clock.advance(3 * 3_600_000);
    await reviews.submitForReview(PROVIDER_A, { jobId: await runJob() });
    const ids = async (query: Parameters<typeof reviews.listReviews>[1], who = REVIEWER_B) =>
      (await reviews.listReviews(who, query)).items.map((review) => review.state);
    expect(await ids({})).to.deep.equal(['pending', 'pending', 'rejected', 'approved', 'pending']);
    expect(await ids({ states: ['pending'], minAgeHours: 2 })).to.deep.equal([
      'pending',
      'pending',
    ]);
    expect(await ids({ states: ['pending'], maxAgeHours: 1 })).to.deep.equal(['pending']);
    expect(await ids({ provider: 'org_c' })).to.deep.equal([]);
    expect(await ids({}, REVIEWER_A), 'own organization hidden from its reviewers').to.deep.equal(
      [],
    );
    expect(await ids({}, PROVIDER_C), 'other providers see only theirs').to.deep.equal([]);
    const page = await reviews.listReviews(REVIEWER_B, { limit: 2 });
    expect(page.items).to.have.length(2);
    const next = await reviews.listReviews(REVIEWER_B, { limit: 2, cursor: page.nextCursor ?? '' });
    expect(next.items[0].id).not.to.equal(page.items[0].id);
  });

  it('lets the provider withdraw a pending review, once', async () => {
    const review = await reviews.submitForReview(PROVIDER_A, { jobId: await runJob() });
    expect(await codeOf(reviews.withdrawReview(PROVIDER_C, review.id))).to.equal('not_found');
    expect((await reviews.withdrawReview(PROVIDER_A, review.id)).state).to.equal('withdrawn');
    expect(await codeOf(reviews.withdrawReview(PROVIDER_A, review.id))).to.equal(
      'invalid_transition',
    );
  });
});
