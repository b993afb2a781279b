// The console's access-request page says when a deadline is provisional (no holiday notice loaded), in 中文 and English.
import { expect } from 'chai';
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { createGatewayListingFixture } from '../helpers/buyer-workflow.js';
import { signIn } from '../helpers/console-session.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('web/request pages: provisional deadlines', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;

  before(async () => {
    // Wednesday 30 December 2026 in Shanghai: the deadline runs into 2027, whose notice is not shipped.
    gateway = await startTestGateway({ startMs: Date.parse('2026-12-30T10:00:00+08:00') });
    provider = await gateway.createMember(['provider']);
    const buyer = await gateway.createMember(['buyer']);
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
  after(() => gateway.stop());

  const languages = [
    { language: 'zh', badge: '暂定', reason: '尚未载入2027年国务院放假安排通知' },
    {
      language: 'en',
      badge: 'provisional',
      reason: 'No State Council holiday notice loaded for 2027',
    },
  ];
  for (const { language, badge, reason } of languages) {
    it(`marks the deadline provisional and says why (${language})`, async () => {
      const { cookie } = await signIn(gateway, provider.key);
      const response = await fetch(`${gateway.url}/console/requests`, {
        headers: { cookie: `${cookie}; ${LANGUAGE_COOKIE}=${language}` },
      });
      expect(response.status).to.equal(200);
      const page = await response.text();
      const marker =
        /<span class="badge badge-warn" data-deadline-provisional\s*>([^<]*)<\/span/.exec(page);
      expect(marker?.[1]).to.equal(badge);
      expect(page).to.include(reason);
    });
  }
});
