// The console says when a holiday notice is missing, in 中文 and English: provisional deadlines on the
// access-request page, and a warning on the admins' home page from 1 November.
import { expect } from 'chai';
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { notice2027Later } from '../helpers/holiday-notices.js';
import { createGatewayListingFixture } from '../helpers/buyer-workflow.js';
import { signIn } from '../helpers/console-session.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('web/console pages without next year’s holiday notice', function () {
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

  const fetchPage = async (key: string, path: string, language: string) => {
    const { cookie } = await signIn(gateway, key);
    const response = await fetch(`${gateway.url}${path}`, {
      headers: { cookie: `${cookie}; ${LANGUAGE_COOKIE}=${language}` },
    });
    expect(response.status).to.equal(200);
    return response.text();
  };

  const warnings = [
    { language: 'zh', want: '尚未载入2027年国务院部分节假日安排通知' },
    { language: 'en', want: 'The State Council holiday notice for 2027 is not loaded' },
  ];
  for (const { language, want } of warnings) {
    it(`warns admins on the home page that the 2027 notice is missing (${language})`, async () => {
      const page = await fetchPage(gateway.admin.key, '/console', language);
      expect(page).to.include('data-holiday-notice-missing');
      expect(page).to.include(want);
      expect(page).to.include('anonex admin calendar import cn-2027.json');
    });
  }

  it('shows the warning to admins only, and not once the notice is loaded', async () => {
    expect(await fetchPage(provider.key, '/console', 'en')).to.not.include(
      'data-holiday-notice-missing',
    );
    await gateway.services.holidayCalendar.importNotice(gateway.admin.context, notice2027Later);
    expect(await fetchPage(gateway.admin.key, '/console', 'en')).to.not.include(
      'data-holiday-notice-missing',
    );
    const requests = await fetchPage(provider.key, '/console/requests', 'en');
    expect(requests).to.not.include('data-deadline-provisional');
  });
});
