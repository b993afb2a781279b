// Issue 17 item 1: every refusal in the page's language next to its field (never a field path or
// the service's English in a Chinese page), what was typed kept, limits said before submitting,
// "refused" only for decisions, and a message after each step that succeeds.
import { expect } from 'chai';
import {
  publishHospitalListing,
  submitHospitalReview,
  type PublishedHospitalListing,
} from '../helpers/console-flow.js';
import { consoleClient, textOf, visibleText } from '../helpers/console-page.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

/** Internal spellings a person must never read in an error. */
const FIELD_PATH =
  /\$\.|\b\w+\.\w+(?:\[\d+\])?:|\[\d+\]|intendedUse|requestedDurationDays|legalBasis|checklist\./;

describe('web/form feedback (issue 17 item 1)', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let listing: PublishedHospitalListing;
  let buyer: TestMember;
  const tooShort = '研究居民用电结构'; // 8 characters: the intended use the issue saw refused

  before(async () => {
    gateway = await startTestGateway();
    listing = await publishHospitalListing(gateway, { sharingType: 'conditional' });
    buyer = await gateway.createMember(['buyer']);
  });
  after(() => gateway?.stop());

  const requestPath = () => `/console/catalog/${listing.listingId}/access-requests`;

  it('says the intended use needs 10 characters before submitting (hint and minlength)', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const { html } = await client.get(`/console/catalog/${listing.listingId}`);
    expect(textOf(html, 'id="field-intendedUse-hint"')).to.equal('至少 10 个字。');
    expect(html).to.match(/id="field-intendedUse"[^>]*minlength="10"/);
    expect(html).to.match(/id="field-durationDays"[^>]*max="365"/);
  });

  for (const [language, message] of [
    ['zh', '至少 10 个字。'],
    ['en', 'At least 10 characters.'],
  ] as const) {
    it(`shows a too-short intended use next to its field, in ${language}, keeping what was typed`, async () => {
      const client = await consoleClient(gateway, buyer.key, language);
      const reply = await client.post(requestPath(), {
        purpose: 'scientific_research',
        intendedUse: tooShort,
        durationDays: '30',
        columns: ['sex', 'age'],
      });
      expect(reply.status).to.equal(400);
      expect(textOf(reply.html, 'data-field-error="intendedUse"')).to.equal(message);
      expect(reply.html).to.match(/id="field-intendedUse"[^>]*aria-invalid="true"/);
      expect(reply.html).to.include(`>\n${tooShort}</textarea>`);
      // The columns chosen stay chosen; the others stay unticked.
      expect(reply.html).to.match(/value="sex"\s+checked/);
      expect(reply.html).not.to.match(/value="district"\s+checked/);
      const alert = textOf(reply.html, 'data-error-notice') ?? '';
      expect(alert).not.to.match(FIELD_PATH);
      expect(visibleText(reply.html)).not.to.match(/refused|拒绝|Too small/);
      if (language === 'zh')
        expect(alert)
          .to.include('具体用途说明')
          .and.not.match(/[a-z]{4,}/);
    });
  }

  it('confirms a submitted request after the redirect', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const reply = await client.post(requestPath(), {
      purpose: 'scientific_research',
      intendedUse: '研究居民用电结构与季节变化的关系',
      durationDays: '30',
      columns: ['sex', 'age'],
    });
    expect(reply.status).to.equal(303);
    expect(reply.location).to.equal('/console/requests?done=requestSubmitted');
    const { html } = await client.get(reply.location as string);
    expect(textOf(html, 'data-done="requestSubmitted"')).to.include('访问申请已提交');
  });

  it('keeps a refusal without a legal basis open in its row, the field named in Chinese', async () => {
    const pending = await gateway.services.accessRequests.listAccessRequests(
      listing.provider.principal,
      'provider',
      { states: ['pending'], limit: 10 },
    );
    const requestId = pending.items[0].id;
    const client = await consoleClient(gateway, listing.provider.key);
    const reply = await client.post(`/console/requests/${requestId}/refuse`, {
      reasonCode: 'columns_not_necessary',
      reason: '所申请字段超出研究所需。',
      legalBasis: '',
    });
    expect(reply.status).to.equal(400);
    const row = reply.html.slice(reply.html.indexOf(`data-request="${requestId}"`));
    expect(row).to.match(/<details class="refuse-form"\s+open/);
    expect(textOf(row, 'data-field-error="legalBasis"')).to.equal('请填写此项。');
    expect(row).to.include('所申请字段超出研究所需。</textarea>');
    expect(row).to.match(/<option\s+value="columns_not_necessary"\s+selected/);
    expect(textOf(row, 'data-error-notice')).not.to.match(FIELD_PATH);
  });

  it('confirms an approval, and an order lands on the entitlement with a message', async () => {
    const pending = await gateway.services.accessRequests.listAccessRequests(
      listing.provider.principal,
      'provider',
      { states: ['pending'], limit: 10 },
    );
    const provider = await consoleClient(gateway, listing.provider.key);
    const approved = await provider.post(`/console/requests/${pending.items[0].id}/approve`, {});
    expect(approved.location).to.equal('/console/requests?done=requestApproved');

    const client = await consoleClient(gateway, buyer.key);
    const ordered = await client.post(`/console/catalog/${listing.listingId}/orders`, {
      accessRequestId: pending.items[0].id,
    });
    expect(ordered.status).to.equal(303);
    expect(ordered.location).to.match(/^\/console\/entitlements\/ent_\w+\?done=ordered$/);
    const { html } = await client.get(ordered.location as string);
    expect(textOf(html, 'data-done="ordered"')).to.equal('购买成功，授权已生效。');
  });

  it('shows a query problem by the value field, never as $.where[0].value', async () => {
    const client = await consoleClient(gateway, buyer.key);
    const { items } = await gateway.services.entitlements.listEntitlements(
      buyer.principal,
      'buyer',
      { limit: 10 },
    );
    const reply = await client.post(`/console/entitlements/${items[0].id}/query`, {
      filterColumn: 'age',
      op: 'between',
      value: '20',
      limit: '20',
    });
    expect(reply.status).to.equal(400);
    expect(textOf(reply.html, 'data-field-error="value"')).to.match(/低值在前|请填写/);
    expect(reply.html).to.match(/id="field-value"[^>]*value="20"/);
    const alert = textOf(reply.html, 'data-error-notice') ?? '';
    expect(alert).to.include('值').and.not.match(FIELD_PATH);
    expect(alert).not.to.match(/want|Too small/);
  });

  it('says a review decision needs reasons of 10 to 8000 characters before submitting', async () => {
    const pending = await submitHospitalReview(gateway);
    const client = await consoleClient(gateway, listing.reviewer.key);
    const { html } = await client.get(`/console/review/${pending.reviewId}`);
    expect(textOf(html, 'id="reasons-hint"')).to.equal('10 至 8000 个字。');
    expect(html).to.match(/id="reasons"[^>]*minlength="10"[^>]*maxlength="8000"/);
  });
});
