// Over HTTP, a year without a loaded holiday notice never makes an access-request route answer 503:
// deadlines are counted from the statutory holidays and marked provisional in the responses.
import { expect } from 'chai';
import {
  DEC_30_2026_MS,
  sampleAccessRequest,
  notice2027Later,
} from '../helpers/holiday-notices.js';
import { createGatewayListingFixture, type ListingFixture } from '../helpers/buyer-workflow.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('http access requests without next year’s holiday notice', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyer: TestMember;
  let listing: ListingFixture;
  const statuses: { route: string; status: number }[] = [];

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const reply = await gateway.request(method, path, { key, body });
    statuses.push({ route: `${method} ${path}`, status: reply.status });
    return reply;
  };
  const submit = () =>
    call('POST', '/api/v1/access-requests', buyer.key, {
      listingId: listing.listingId,
      ...sampleAccessRequest,
    });

  before(async () => {
    gateway = await startTestGateway({ startMs: DEC_30_2026_MS });
    provider = await gateway.createMember(['provider']);
    buyer = await gateway.createMember(['buyer']);
    listing = await createGatewayListingFixture(gateway, {
      sharingType: 'conditional',
      providerOrganizationId: provider.organization.id,
    });
  });
  after(() => gateway.stop());

  it('answers every access-request route, none with 503, and shows the deadline as provisional', async () => {
    const submitted = await submit();
    expect(submitted.status, submitted.text).to.equal(201);
    expect(submitted.json).to.include({
      deadlineLocal: '2027-01-05T00:00:00+08:00',
      deadlineProvisional: true,
      deadlineBasis: 'statutory_holidays',
    });
    expect(submitted.json.deadlineStatutoryYears).to.deep.equal([2027]);
    expect(submitted.json.deadlineProvisionalReason).to.be.a('string').and.include('2027');
    const id = submitted.json.id as string;

    const one = await call('GET', `/api/v1/access-requests/${id}`, provider.key);
    expect(one.json.deadlineProvisional).to.equal(true);
    await call('GET', '/api/v1/access-requests?queue=provider', provider.key);
    await call('GET', '/api/v1/access-requests?queue=buyer', buyer.key);
    const refused = await call('POST', `/api/v1/access-requests/${id}/refuse`, provider.key, {
      reasonCode: 'other',
      reason: 'Not now.',
      legalBasis: 'Art. 16',
    });
    expect(refused.json.deadlineProvisional).to.equal(true);
    await call('POST', `/api/v1/access-requests/${id}/dispute`, buyer.key, {
      statement: 'The refusal gives no real reason.',
    });
    await call('POST', `/api/v1/access-requests/${id}/dispute-decision`, gateway.admin.key, {
      outcome: 'overturned',
      reason: 'No reason was given.',
    });

    // Received in 2027 itself, past the deadline into the admins' queue, and withdrawn.
    gateway.clock.set(Date.parse('2027-02-04T10:00:00+08:00'));
    const in2027 = await submit();
    expect(in2027.status, in2027.text).to.equal(201);
    expect(in2027.json.countedWorkingDays).to.deep.equal(['2027-02-09', '2027-02-10']);
    gateway.clock.set(in2027.json.deadlineMs);
    await gateway.services.accessRequests.escalateOverdueAccessRequests();
    await call('GET', '/api/v1/access-requests?queue=authority', gateway.admin.key);
    await call('POST', `/api/v1/access-requests/${in2027.json.id}/approve`, provider.key, {});
    const third = await submit();
    await call('POST', `/api/v1/access-requests/${third.json.id}/withdraw`, buyer.key);

    expect(statuses.filter((entry) => entry.status >= 300)).to.deep.equal([]);
    expect(statuses).to.have.length(12);
  });

  it('loads a notice through the admin API: problem+json for a bad one, recomputed deadlines for a good one', async () => {
    gateway.clock.set(DEC_30_2026_MS);
    const submitted = await submit();
    expect(submitted.json.deadlineProvisional).to.equal(true);

    const bad = await call('POST', '/api/v1/admin/holiday-notices', gateway.admin.key, {
      ...notice2027Later,
      adjustedWorkingDays: [{ date: '2027-01-02', for: '元旦' }],
    });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.include('application/problem+json');
    expect(bad.json.type).to.equal('urn:anonex:problem:validation_failed');
    expect(bad.json.errors).to.deep.equal([
      { field: 'adjustedWorkingDays[0].date', reason: 'both a day off and a working day' },
    ]);
    const shapeless = await call('POST', '/api/v1/admin/holiday-notices', gateway.admin.key, {
      year: 2027,
    });
    expect(shapeless.status).to.equal(400);

    const loaded = await call(
      'POST',
      '/api/v1/admin/holiday-notices',
      gateway.admin.key,
      notice2027Later,
    );
    expect(loaded.status, loaded.text).to.equal(200);
    expect(
      loaded.json.recomputedDeadlines.map(
        (change: { accessRequestId: string }) => change.accessRequestId,
      ),
    ).to.include(submitted.json.id);
    const after = await call('GET', `/api/v1/access-requests/${submitted.json.id}`, buyer.key);
    expect(after.json).to.include({
      deadlineLocal: '2027-01-06T00:00:00+08:00',
      deadlineProvisional: false,
      deadlineBasis: 'holiday_notices',
    });
    const listed = await call('GET', '/api/v1/admin/holiday-notices', gateway.admin.key);
    expect(
      listed.json.notices.map((notice: { year: number; origin: string }) => [
        notice.year,
        notice.origin,
      ]),
    ).to.deep.equal([
      [2025, 'shipped'],
      [2026, 'shipped'],
      [2027, 'imported'],
    ]);
    expect(listed.json.status.missingYears).to.deep.equal([]);
  });

  it('documents the provisional deadline in the OpenAPI schema', async () => {
    const reply = await gateway.request('GET', '/openapi.json');
    const text = JSON.stringify(reply.json);
    for (const field of [
      'deadlineProvisional',
      'deadlineProvisionalReason',
      'deadlineBasis',
      'deadlineStatutoryYears',
    ]) {
      expect(text).to.include(`"${field}"`);
    }
  });
});
