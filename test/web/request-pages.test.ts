// The provider's access-request inbox says who is asking and for which listing, in the page's
// language: buyer organization, listing title, translated reason codes, a status that reads whole.
import { expect } from 'chai';
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { createGatewayListingFixture } from '../helpers/buyer-workflow.js';
import { signIn } from '../helpers/console-session.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('web/access-request inbox', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyer: TestMember;

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    buyer = await gateway.createMember(['buyer']);
    const listing = await createGatewayListingFixture(gateway, {
      sharingType: 'conditional',
      providerOrganizationId: provider.organization.id,
    });
    await gateway.services.accessRequests.submitAccessRequest(buyer.context, {
      listingId: listing.listingId,
      purpose: 'research',
      intendedUse: 'Outpatient visits by age band.',
      requestedDurationDays: 30,
      columns: ['age_band'],
    });
  });
  after(() => gateway?.stop());

  async function inbox(language: 'zh' | 'en'): Promise<string> {
    const { cookie } = await signIn(gateway, provider.key);
    const response = await fetch(`${gateway.url}/console/requests`, {
      headers: { cookie: `${cookie}; ${LANGUAGE_COOKIE}=${language}` },
    });
    expect(response.status).to.equal(200);
    return response.text();
  }

  it('names the requesting organization and the listing by its title', async () => {
    const page = await inbox('zh');
    const incoming = page.slice(page.indexOf('data-incoming'));
    const requester = /<span data-request-requester\s*>\s*([^<]*?)\s*<\/span/.exec(incoming)?.[1];
    expect(requester).to.equal(buyer.organization.name);
    const member = /<span class="muted" data-request-member>\s*([^<]*?)\s*<\/span/.exec(
      incoming,
    )?.[1];
    expect(member).to.equal(buyer.member.displayName);
    expect(incoming).to.include('>门诊统计</a');
    expect(incoming).to.include('<th scope="col">申请方</th>');
  });

  it('offers the refusal reasons in the page language, never as codes', async () => {
    for (const [language, label] of [
      ['zh', '用途不在许可范围内'],
      ['en', 'Purpose not permitted'],
    ] as const) {
      const page = await inbox(language);
      const option = /<option\s+value="purpose_not_permitted"\s*>\s*([^<]*?)\s*<\/option>/.exec(
        page,
      );
      expect(option?.[1]).to.equal(label);
      expect(page).not.to.match(/>purpose_not_permitted</);
      expect(page).to.match(/<span class="nowrap">\s*(待答复|pending)\s*<\/span\s*>/);
    }
  });
});
