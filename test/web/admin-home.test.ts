// Issue 17 item 8: the administrator's home shows the work waiting across the exchange — reviews,
// overdue and disputed access requests, failing jobs — and the ledger's and storage's health.
import { expect } from 'chai';
import { createGatewayListingFixture } from '../helpers/buyer-workflow.js';
import { submitHospitalReview } from '../helpers/console-flow.js';
import { consoleClient, textOf } from '../helpers/console-page.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const DAY_MS = 86_400_000;

describe('web/the administrator’s home (issue 17 item 8)', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let failedJobOrganization: string;

  before(async () => {
    gateway = await startTestGateway();
    // One report waiting for review, and its job marked failed as a crashed run would leave it.
    const submitted = await submitHospitalReview(gateway);
    failedJobOrganization = submitted.provider.organization.name;
    await gateway.db('anonymization_jobs').where({ id: submitted.jobId }).update({
      state: 'failed',
      failure_reason: 'engine ran out of memory',
      updated_at_ms: gateway.clock.nowMs(),
    });
    // Two access requests to one provider: one refused then disputed, one left unanswered.
    const provider = await gateway.createMember(['provider']);
    const buyer = await gateway.createMember(['buyer']);
    const listing = await createGatewayListingFixture(gateway, {
      sharingType: 'conditional',
      providerOrganizationId: provider.organization.id,
    });
    const ask = () =>
      gateway.services.accessRequests.submitAccessRequest(buyer.context, {
        listingId: listing.listingId,
        purpose: 'research',
        intendedUse: 'Outpatient visits by age band.',
        requestedDurationDays: 30,
        columns: ['age_band'],
      });
    const refused = await ask();
    await ask();
    await gateway.services.accessRequests.refuseAccessRequest(provider.context, refused.id, {
      reasonCode: 'security_risk',
      reason: '字段组合存在再识别风险。',
      legalBasis: '《数据安全法》第二十一条',
    });
    await gateway.services.accessRequests.disputeAccessRequest(buyer.context, refused.id, {
      statement: '所申请字段仅为年龄段，风险很低。',
    });
    // A week later: the unanswered one is far past its two working days.
    gateway.clock.advance(7 * DAY_MS);
  });
  after(() => gateway?.stop());

  const count = (html: string, work: string) =>
    Number(new RegExp(`data-work="${work}"[\\s\\S]*?data-count="(\\d+)"`).exec(html)?.[1]);

  it('counts the reviews, overdue requests, disputes and failing jobs waiting', async () => {
    const client = await consoleClient(gateway, gateway.admin.key);
    const { html } = await client.get('/console');
    expect(count(html, 'pending-reviews')).to.equal(1);
    expect(count(html, 'overdue-requests')).to.equal(1);
    expect(count(html, 'disputes')).to.equal(1);
    expect(count(html, 'failed-jobs')).to.equal(1);
    const failed = textOf(html, 'data-failed-jobs') ?? '';
    expect(failed).to.include(failedJobOrganization).and.include('engine ran out of memory');
    expect(html).to.match(/data-work="overdue-requests"[\s\S]*?<a href="\/console\/requests"/);
  });

  it('shows the ledger’s and storage’s health', async () => {
    await gateway.services.ledger.flush();
    const client = await consoleClient(gateway, gateway.admin.key);
    const { html } = await client.get('/console');
    const health = textOf(html, 'data-health') ?? '';
    expect(health).to.match(/共 \d+ 条，待写入 0 条/);
    expect(html).to.match(/data-database-health="reachable"/);
    expect(html).to.match(/data-disk-health="(ok|low)"/);
    expect(health).to.match(/可用 [\d.]+%/);
  });

  it('is the administrator’s alone', async () => {
    const buyer = await gateway.createMember(['buyer']);
    const client = await consoleClient(gateway, buyer.key);
    expect((await client.get('/console')).html).not.to.include('data-admin-work');
    const overview = gateway.services.workOverview.overview(buyer.context);
    await overview.then(
      () => expect.fail('a buyer read the overview'),
      (error: { code?: string }) => expect(error.code).to.equal('forbidden'),
    );
  });
});
