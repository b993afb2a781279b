// The incident console in Chromium, in 中文 and in English: a copy really downloaded by a buyer is
// filed (a refused submission says what is wrong under the field, in the page's language),
// attributed to its trade with the buyer's organization and the false-accusation probability,
// the buyer's entitlements are suspended and the incident closed, each step with its ledger entry.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { translator, type Language } from '../../src/web/i18n/index.js';
import {
  launchBrowserOrSkip,
  newConsoleContext,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughPage,
} from '../helpers/browser.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  createReleaseListing,
  orderOverApi,
  type ReleaseListing,
} from '../helpers/incident-fixture.js';

describe('web/incident pages in Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let gateway: TestGateway;
  let provider: TestMember;
  const buyers: TestMember[] = [];
  const orders: { trade: string; entitlement: string }[] = [];
  let release: ReleaseListing;
  let scratch: string;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    release = await createReleaseListing(gateway.running.deps, {
      providerOrganizationId: provider.organization.id,
    });
    for (let i = 0; i < 3; i++) {
      const buyer = await gateway.createMember(['buyer']);
      buyers.push(buyer);
      orders.push(await orderOverApi(gateway, buyer, release.listing.listingId));
    }
    scratch = mkdtempSync(join(tmpdir(), 'anonex-incident-'));
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  (['zh', 'en'] as const).forEach((language: Language, index) => {
    it(`walks file → attribute → suspend → close (${language})`, async () => {
      const t = translator(language);
      const buyer = buyers[index];
      const leaked = await gateway.request(
        'GET',
        `/api/v1/entitlements/${orders[index].entitlement}/download?format=csv`,
        { key: buyer.key },
      );
      expect(leaked.status).to.equal(200);
      const copyPath = join(scratch, `found-${language}.csv`);
      writeFileSync(copyPath, leaked.text);

      const context = await newConsoleContext(browser);
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('console', (message) => {
        // The refused submissions answer 400 on purpose; anything else is a script or CSP error.
        if (message.type() === 'error' && !/status of 400/.test(message.text()))
          scriptErrors.push(message.text());
      });
      await signInThroughPage(page, gateway.url, gateway.admin.key);
      if (language === 'en') {
        await page.getByRole('link', { name: 'English' }).click();
        await page.waitForURL(/\/console$/);
      }
      await page
        .getByRole('link', { name: t('nav.incidents') })
        .first()
        .click();
      await page.waitForURL(/\/console\/incidents$/);
      expect(await page.locator('h1').textContent()).to.equal(t('incidents.title'));

      // Refused: no description. The reason is under the field, in the page's language.
      await page.fill('#field-listingId', release.listing.listingId);
      await page.setInputFiles('#field-leakedCopy', copyPath);
      await page.click('[data-incident-file-form] button[type=submit]');
      const descriptionError = page.locator('[data-field-error="description"]');
      await descriptionError.waitFor();
      expect((await descriptionError.textContent())?.trim()).to.equal(t('issue.required'));
      expect(await page.getAttribute('#field-description', 'aria-invalid')).to.equal('true');
      expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);

      // Filed.
      await page.fill('#field-description', `found on a forum (${language})`);
      await Promise.all([
        page.waitForURL(/\/console\/incidents\/inc_[^/?]+\?done=incidentFiled$/),
        page.click('[data-incident-file-form] button[type=submit]'),
      ]);
      expect(await page.getAttribute('[data-state]', 'data-state')).to.equal('filed');
      const incidentUrl = page.url().split('?')[0];

      // Attributed: the trade, the buyer's organization, the score and the probability, in words.
      await Promise.all([
        page.waitForURL(/done=incidentAttributed/),
        page.click('form[action$="/attribute"] button[type=submit]'),
      ]);
      expect(await page.getAttribute('[data-verdict]', 'data-verdict')).to.equal('attributed');
      expect((await page.textContent('[data-trade]'))?.trim()).to.equal(orders[index].trade);
      expect((await page.textContent('[data-buyer]'))?.trim()).to.equal(buyer.organization.name);
      expect(Number((await page.textContent('[data-score]'))?.trim())).to.be.greaterThan(0);
      expect(await page.textContent('[data-fap]')).to.match(/× 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+/);
      const explanation = (await page.textContent('[data-explanation]')) ?? '';
      expect(explanation).to.include(orders[index].trade).and.include(buyer.organization.name);
      expect(explanation).to.include(language === 'zh' ? '概率不超过' : 'probability at most');
      await saveScreenshot(page, `incident-attributed-${language}`);

      // Suspend: a reason is needed, said under the field.
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('form[action$="/suspend"] button[type=submit]'),
      ]);
      expect((await page.textContent('[data-field-error="reason"]'))?.trim()).to.equal(
        t('issue.required'),
      );
      await page.fill('#field-reason', 'copy traced to this trade');
      await Promise.all([
        page.waitForURL(/done=incidentSuspended/),
        page.click('form[action$="/suspend"] button[type=submit]'),
      ]);
      expect(await page.getAttribute('[data-state]', 'data-state')).to.equal('suspended');
      // The suspended entitlement is listed with its state, in the page's language.
      const heldEntitlement = `[data-suspended] [data-entitlement="${orders[index].entitlement}"]`;
      const entitlementStatus = () => page.getAttribute(heldEntitlement, 'data-entitlement-status');
      expect(await entitlementStatus()).to.equal('suspended');
      expect(await page.textContent(heldEntitlement)).to.include(
        t('entitlements.status.suspended'),
      );
      const held = await gateway.request(
        'GET',
        `/api/v1/entitlements/${orders[index].entitlement}/download`,
        { key: buyer.key },
      );
      expect(held.status).to.equal(403);
      expect(held.json.type).to.equal('urn:anonex:problem:entitlement_suspended');

      // Close.
      await page.selectOption('#field-resolution', 'leak_confirmed');
      await page.fill('#field-note', 'acknowledged');
      await Promise.all([
        page.waitForURL(/done=incidentClosed/),
        page.click('form[action$="/close"] button[type=submit]'),
      ]);
      expect(await page.getAttribute('[data-state]', 'data-state')).to.equal('closed');
      expect(await page.getAttribute('[data-resolution]', 'data-resolution')).to.equal(
        'leak_confirmed',
      );
      // A confirmed leak revokes the suspended entitlement.
      expect(await entitlementStatus()).to.equal('revoked');
      expect(await page.textContent(heldEntitlement)).to.include(t('entitlements.status.revoked'));

      // Every step is a ledger entry, shown once the sequencer has placed it.
      await gateway.services.ledger.flush();
      await page.goto(incidentUrl);
      const kinds = await page
        .locator('[data-incident-ledger] tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ledger-kind')));
      expect(kinds).to.deep.equal([
        'incident.filed',
        'incident.attributed',
        'incident.suspended',
        'incident.closed',
      ]);
      expect(
        await page.locator('[data-incident-ledger] a[href^="/console/ledger/entries/"]').count(),
      ).to.equal(4);
      expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
      await saveScreenshot(page, `incident-closed-${language}`);

      // The buyer's access to the data is gone; another buyer's is not.
      const refused = await gateway.request(
        'GET',
        `/api/v1/entitlements/${orders[index].entitlement}/download`,
        { key: buyer.key },
      );
      expect(refused.json.type).to.equal('urn:anonex:problem:entitlement_revoked');
      expect(scriptErrors, 'CSP violations or script errors').to.deep.equal([]);
      await context.close();
    });
  });
});
