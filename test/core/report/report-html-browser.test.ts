// The rendered report in a real browser (headless Chromium): no network request at all, no
// serious accessibility violation, and the charts laid out — what a reviewer actually opens.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { buildAnonymizationReport, renderReportHtml } from '../../../src/core/report/index.js';
import { launchBrowserOrSkip, seriousAccessibilityViolations } from '../../helpers/browser.js';
import { parts } from './fixtures.js';

describe('core/report HTML in a browser', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async function () {
    // A machine without a browser skips the suite (outside CI).
    browser = await launchBrowserOrSkip(this);
  });
  after(async () => {
    await browser?.close();
  });

  // One language suffices here: the unit tests check each language's text; layout and markup are shared.
  for (const lang of ['bilingual'] as const) {
    it(`${lang}: loads nothing from outside, passes axe, draws six charts`, async () => {
      const html = renderReportHtml(buildAnonymizationReport(parts({ k: 5 })), { lang });
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setContent(html, { waitUntil: 'load' });
      expect(requests).to.deep.equal([]);
      expect(await page.locator('svg[role=img]').count()).to.equal(6);
      const bars = await page.locator('svg rect').count();
      expect(bars).to.be.greaterThan(10);
      expect(await page.locator('.badge.fail').first().isVisible()).to.equal(true);
      expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
      await page.close();
    });
  }
});
