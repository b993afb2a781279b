// Deadlines that run into a year without a loaded holiday notice: counted from the statutory holidays, marked provisional.
import { expect } from 'chai';
import { AccessRequestService } from '../../../src/services/access-requests/index.js';
import { EventFeedService } from '../../../src/services/events/index.js';
import { DEC_30_2026_MS, sampleAccessRequest } from '../../helpers/holiday-notices.js';
import {
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
  type ListingFixture,
} from '../../helpers/buyer-workflow.js';

describe('services/access-requests provisional deadlines', () => {
  let fixture: BuyerFixture;
  let listing: ListingFixture;
  let service: AccessRequestService;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;

  const submit = () =>
    service.submitAccessRequest(ctx.buyerA, {
      listingId: listing.listingId,
      ...sampleAccessRequest,
    });

  before(async () => {
    fixture = await createBuyerFixture();
    service = new AccessRequestService(fixture.deps);
  });
  after(() => fixture.destroy());
  beforeEach(async () => {
    fixture.clock.set(DEC_30_2026_MS);
    listing = await createListingFixture(fixture.deps, { sharingType: 'conditional' });
    ctx = buyerWorkflowContexts(listing.providerOrganizationId);
  });

  it('files a request on 30 Dec 2026 with a provisional deadline from the statutory holidays', async () => {
    const created = await submit();
    // Thursday 31 Dec counts (2026 notice); Friday 1 Jan 2027 is 元旦 by law; Monday 4 Jan counts.
    expect(created.countedWorkingDays).to.deep.equal(['2026-12-31', '2027-01-04']);
    expect(created.deadlineLocal).to.equal('2027-01-05T00:00:00+08:00');
    expect(created).to.include({
      state: 'pending',
      deadlineProvisional: true,
      deadlineBasis: 'statutory_holidays',
    });
    expect(created.deadlineStatutoryYears).to.deep.equal([2027]);
    expect(created.deadlineProvisionalReason).to.include('2027');

    const stored = await service.getAccessRequest(ctx.buyerA.principal, created.id);
    expect(stored).to.deep.include({
      deadlineMs: created.deadlineMs,
      deadlineProvisional: true,
      deadlineStatutoryYears: [2027],
    });
    const feed = await new EventFeedService(fixture.deps).listEvents(ctx.provider.principal, {});
    const submitted = feed.events.find((event) => event.subjectId === created.id);
    expect(submitted?.payload).to.include({
      deadlineMs: created.deadlineMs,
      deadlineProvisional: true,
      deadlineBasis: 'statutory_holidays',
    });
  });

  it('marks the ledger entry of a decision taken on a provisional deadline', async () => {
    const created = await submit();
    await service.approveAccessRequest(ctx.provider, created.id);
    const rows = (await fixture.deps.db('ledger_outbox').where({
      kind: 'access_request.decided',
    })) as { entry_json: string }[];
    const entry = rows
      .map((row) => JSON.parse(row.entry_json) as Record<string, unknown>)
      .find((candidate) => candidate.access_request_id === created.id);
    expect(entry).to.include({
      deadline_ms: created.deadlineMs,
      deadline_basis: 'statutory_holidays',
      deadline_provisional: true,
      answered_late: false,
    });
  });

  it('a request due within 2026 is not provisional', async () => {
    fixture.clock.set(Date.parse('2026-12-28T10:00:00+08:00'));
    const created = await submit();
    expect(created.deadlineLocal).to.equal('2026-12-31T00:00:00+08:00');
    expect(created).to.include({ deadlineProvisional: false, deadlineProvisionalReason: null });
  });

  it('files requests received in 2027 too (Spring Festival by the lunar calendar)', async () => {
    fixture.clock.set(Date.parse('2027-02-04T10:00:00+08:00'));
    const created = await submit();
    // 5 Feb 除夕 to 8 Feb 正月初三 are off by law.
    expect(created.countedWorkingDays).to.deep.equal(['2027-02-09', '2027-02-10']);
    expect(created.deadlineProvisional).to.equal(true);
  });
});
