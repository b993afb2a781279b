// Issue 17 item 4: the buyer's listing page describes the release (its columns, their roles and
// processing, the approved certificate's figures), not the raw dataset; labels are labels, not
// form hints; a held listing offers the entitlement instead of 购买, and buying again says so.
import { expect } from 'chai';
import { publishHospitalListing, type PublishedHospitalListing } from '../helpers/console-flow.js';
import { consoleClient, textOf, visibleText } from '../helpers/console-page.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('web/the buyer’s listing page (issue 17 item 4)', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let listing: PublishedHospitalListing;
  let buyer: TestMember;

  before(async () => {
    gateway = await startTestGateway();
    listing = await publishHospitalListing(gateway);
    buyer = await gateway.createMember(['buyer']);
  });
  after(() => gateway?.stop());

  it('describes the released columns with roles and processing, never the dropped raw ones', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const { html } = await client.get(`/console/catalog/${listing.listingId}`);
    const text = visibleText(html);
    for (const raw of ['patient_name', 'id_number', 'mobile', 'address', 'birth_date'])
      expect(text, raw).not.to.include(raw);
    const release = textOf(html, 'data-release-columns') ?? '';
    for (const column of ['sex', 'age', 'district', 'diagnosis', 'cost_yuan'])
      expect(release).to.include(column);
    expect(release).to.include('准标识符').and.include('敏感属性').and.include('按断点分段');
    expect(release).not.to.match(/\{"|quasi|sensitive/);
  });

  it('states the certificate’s figures: level, k, risk and who approved it', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const { html } = await client.get(`/console/catalog/${listing.listingId}`);
    const report = JSON.parse(
      (
        await gateway.services.reviews.getReviewReport(
          listing.provider.context,
          listing.reviewId,
          'json',
        )
      ).body.toString('utf8'),
    ) as { privacy: { k: number; gbt42460: { level: string } } };
    expect(textOf(html, 'data-level')).to.equal(report.privacy.gbt42460.level);
    expect(textOf(html, 'data-k')).to.equal(String(report.privacy.k));
    expect(textOf(html, 'data-certificate')).to.include(listing.reviewer.organization.name);
    expect(textOf(html, 'data-certificate')).to.include('公开发布');
  });

  it('labels the price as a price, not with the provider form’s hint', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const { html } = await client.get(`/console/catalog/${listing.listingId}`);
    expect(visibleText(html)).to.include('价格 ¥5,000.00').and.not.include('开放数据填 0');
  });

  it('offers the entitlement instead of 购买 once held, and answers a second order with a link to it', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const order = await client.post(`/console/catalog/${listing.listingId}/orders`, {
      purpose: 'scientific_research',
      columns: ['sex', 'age'],
    });
    expect(order.status).to.equal(303);
    const entitlementId = /entitlements\/(ent_\w+)/.exec(order.location ?? '')?.[1];
    const { html } = await client.get(`/console/catalog/${listing.listingId}`);
    expect(html).to.include(`<a href="/console/entitlements/${entitlementId}"`);
    expect(html).not.to.include('确认购买');
    expect(html).not.to.include(`action="/console/catalog/${listing.listingId}/orders"`);

    const again = await client.post(
      `/console/catalog/${listing.listingId}/orders`,
      { purpose: 'scientific_research', columns: ['sex'] },
      { referer: `/console/catalog/${listing.listingId}` },
    );
    expect(again.status).to.equal(409);
    expect(visibleText(again.html)).to.include('您已持有此挂牌的有效授权');
    expect(again.html).to.match(
      new RegExp(`<a href="/console/entitlements/${entitlementId}" data-held-entitlement`),
    );
    expect(again.html).to.include(`href="/console/catalog/${listing.listingId}"`);
  });
});
