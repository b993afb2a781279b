import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { submitHospitalReview, type SubmittedReview } from '../helpers/console-flow.js';
import {
  launchBrowserOrSkip,
  newConsoleContext,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughPage,
} from '../helpers/browser.js';

describe('web/review pages in Chromium', function () {
  this.timeout(90_000);
  let gateway: TestGateway;
  let browser: Browser;
  let reviewer: TestMember;
  let submitted: SubmittedReview;
  before(async function () {
    // First, so a machine without a browser skips the suite before starting a gateway.
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    submitted = await submitHospitalReview(gateway);
    reviewer = await gateway.createMember(['reviewer']);
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('lists the submitted report in the queue and shows its figures and charts', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, reviewer.key);
    await page.goto(`${gateway.url}/console/review`);
    expect(await page.locator('[data-review-queue] tbody tr').count()).to.equal(1);
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await saveScreenshot(page, 'review-queue');
    await page.locator('[data-review-queue] tbody a').first().click();
    await page.waitForURL(`**/console/review/${submitted.reviewId}`);
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).to.equal('pass');
    expect(await page.textContent('main')).to.include('L3');
    expect(await page.locator('svg[role=img]').count()).to.be.greaterThanOrEqual(2);
    // The class sizes as a histogram with the required k marked (issue 17 item 9).
    expect(await page.locator('[data-class-size-chart] [data-k-line]').count()).to.equal(1);
    expect(await page.locator('[data-class-size-chart] rect').count()).to.be.within(2, 10);
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await saveScreenshot(page, 'review-report');
    await context.close();
  });

  it('refuses an approval without the whole checklist, then approves with it', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, reviewer.key);
    await page.goto(`${gateway.url}/console/review/${submitted.reviewId}`);
    await page.getByLabel(/理由/).fill('Identifiers dropped; k=20 and R within the threshold.');
    await page.getByRole('button', { name: '批准' }).click();
    // Each unticked point says so under itself, in Chinese; the reasons typed are kept.
    expect(await page.locator('[data-field-error^="checklist."]').count()).to.equal(4);
    expect(await page.textContent('[role=alert]'))
      .to.include('批准前须确认此项')
      .and.not.match(/checklist|identifiersChecked|must be true/);
    expect(await page.inputValue('#reasons')).to.equal(
      'Identifiers dropped; k=20 and R within the threshold.',
    );
    const review = await gateway.services.reviews.getReview(reviewer.context, submitted.reviewId);
    expect(review.state).to.equal('pending');

    await page.goto(`${gateway.url}/console/review/${submitted.reviewId}`);
    for (const box of await page.locator('input[name=checklist]').all()) await box.check();
    await page.getByLabel(/理由/).fill('Identifiers dropped; k=20 and R within the threshold.');
    await page.getByRole('button', { name: '批准' }).click();
    await page.waitForSelector('[data-review-state=approved]');
    expect(
      (await gateway.services.reviews.getReview(reviewer.context, submitted.reviewId)).state,
    ).to.equal('approved');
    await saveScreenshot(page, 'review-approved');
    await context.close();
  });

  it('never offers the provider a decision on its own report', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, submitted.provider.key);
    await page.goto(`${gateway.url}/console/review/${submitted.reviewId}`);
    expect(await page.locator('[data-decision-form]').count()).to.equal(0);
    await context.close();
  });
});
