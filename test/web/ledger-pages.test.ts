import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import {
  launchBrowserOrSkip,
  newConsoleContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../helpers/browser.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';

describe('web/ledger explorer in Chromium', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let browser: Browser;
  before(async function () {
    // First, so a machine without a browser skips the suite before starting a gateway.
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    for (let index = 0; index < 30; index++) {
      const outboxId = await gateway.db.transaction((trx) =>
        recordLedgerEvent(trx, gateway.clock, {
          kind: 'listing.published',
          listing_id: `lst_${index}`,
        }),
      );
      if (index === 29) await gateway.services.ledger.waitForSequenced(outboxId);
    }
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('shows the signed checkpoint and pages through entries without signing in', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await page.goto(`${gateway.url}/console/ledger`);
    expect(await page.textContent('[data-tree-size]')).to.equal('30');
    expect(await page.locator('tbody tr').count()).to.equal(25);
    expect(await page.locator('tbody tr').first().textContent()).to.include('29');
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await saveScreenshot(page, 'ledger');
    await page.getByRole('link', { name: /更早的条目/ }).click();
    expect(await page.locator('tbody tr').count()).to.equal(5);
    await context.close();
  });

  it('verifies an entry receipt in the browser with Web Crypto', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await page.goto(`${gateway.url}/console/ledger/entries/7`);
    await page.getByRole('button', { name: /验证/ }).click();
    await page.waitForSelector('[data-verify-result][data-state]');
    expect(await page.getAttribute('[data-verify-result]', 'data-state')).to.equal('verified');
    expect(await page.textContent('[data-verify-result]')).to.include('leaf 7 / tree 30');
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await saveScreenshot(page, 'ledger-entry-verified');
    await context.close();
  });

  it('reports a tampered pasted receipt as failed, naming the step', async () => {
    const receipt = await gateway.services.ledger.receiptForLeaf(3);
    const tampered = { ...receipt, entry: receipt.entry.replace('lst_3', 'lst_X') };
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await page.goto(`${gateway.url}/console/ledger`);
    await page.getByLabel('粘贴回执 JSON').fill(JSON.stringify(tampered));
    await page.getByRole('button', { name: /验证/ }).click();
    await page.waitForSelector('[data-verify-result][data-state]');
    expect(await page.getAttribute('[data-verify-result]', 'data-state')).to.equal('failed');
    expect(await page.textContent('[data-verify-result]')).to.include('inclusion');
    await context.close();
  });
});
