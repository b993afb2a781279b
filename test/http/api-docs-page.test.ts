import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowserOrSkip } from '../helpers/browser.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

describe('http /docs in headless Chromium', function () {
  let gateway: TestGateway;
  let browser: Browser;
  before(async function () {
    // First, so a machine without a browser skips the suite before starting a gateway.
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('renders every operation of /openapi.json under the strict CSP, with no console errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${gateway.url}/docs`);
    await page.waitForSelector('.opblock', { timeout: 15_000 });
    // An operation with two tags is drawn under each: count distinct method + path pairs.
    const drawn = await page
      .locator('.opblock')
      .evaluateAll((blocks) =>
        blocks.map(
          (block) =>
            `${block.querySelector('.opblock-summary-method')?.textContent ?? ''} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? ''}`,
        ),
      );
    expect(new Set(drawn).size).to.equal(gateway.running.app.routes.length);
    expect(problems).to.deep.equal([]);
    // Swagger UI's red box for a document it cannot fully render (e.g. a jsonSchemaDialect other
    // than the OAS 3.1 default) and its spec-error list.
    expect(await page.locator('.version-pragma, .errors-wrapper').count()).to.equal(0);
    expect(await page.locator('body').innerText()).not.to.include('jsonSchemaDialect');
  });
});
