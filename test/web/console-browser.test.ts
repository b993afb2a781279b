import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  launchBrowserOrSkip,
  newConsoleContext,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughPage,
} from '../helpers/browser.js';

describe('web/console in Chromium', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let browser: Browser;
  let reviewer: TestMember;
  before(async function () {
    // First, so a machine without a browser skips the suite before starting a gateway.
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    reviewer = await gateway.createMember(['reviewer']);
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  for (const size of ['desktop', 'phone'] as const) {
    it(`signs in with an API key and shows the dashboard without serious accessibility violations (${size})`, async () => {
      const context = await newConsoleContext(browser, size);
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(`${gateway.url}/console/sign-in`);
      expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
      await saveScreenshot(page, `sign-in-${size}`);
      await signInThroughPage(page, gateway.url, reviewer.key);
      expect(await page.locator('h1').textContent()).to.equal('工作台');
      expect(await page.textContent('main')).to.include(reviewer.organization.name);
      expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
      await saveScreenshot(page, `dashboard-${size}`);
      expect(consoleErrors, 'CSP violations or script errors').to.deep.equal([]);
      await context.close();
    });
  }

  it('switches to English and keeps the choice', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, reviewer.key);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/console$/);
    expect(await page.locator('h1').textContent()).to.equal('Dashboard');
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await context.close();
  });
});
