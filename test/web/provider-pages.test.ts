import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { HOSPITAL_SAMPLE } from '../helpers/console-flow.js';
import {
  launchBrowser,
  newConsoleContext,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughPage,
} from '../helpers/browser.js';
import { yuanToFen } from '../../src/web/pages/listing-pages.js';
import { parseAttributeLines } from '../../src/web/pages/dataset-pages.js';

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
}

describe('web/provider pages in Chromium: dataset → upload → policy run → review → listing', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let browser: Browser;
  let provider: TestMember;
  let reviewer: TestMember;
  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    reviewer = await gateway.createMember(['reviewer']);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('walks the provider through every page to a published listing', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, provider.key);

    await page.goto(`${gateway.url}/console/datasets`);
    await page.getByLabel('名称').fill('门诊就诊记录');
    await page.getByLabel('主题分类').fill('医疗卫生');
    await page.getByLabel(/数据项/).fill('diagnosis: 诊断\ndepartment: 科室');
    await page.getByLabel('使用要求').fill('仅限科研使用');
    await page.getByLabel('数据来源说明').fill('本院门诊系统 2024 年记录');
    await expectAccessible(page);
    await page.getByRole('button', { name: '登记' }).click();
    await page.waitForSelector('[data-upload-panel]');

    await page.setInputFiles('#upload-file', HOSPITAL_SAMPLE);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: '上传' }).click(),
    ]);
    await page.waitForSelector('[data-profile]');
    expect(await page.textContent('[data-latest-revision]')).to.equal('1');
    const flagged = await page
      .locator('[data-profile] tr[data-direct-identifier] th')
      .allTextContents();
    expect(flagged).to.include.members(['patient_name', 'id_number', 'mobile', 'address']);
    expect(await page.textContent('[data-profile]')).to.not.match(/1[3-9]\d{9}/);
    await expectAccessible(page);
    await saveScreenshot(page, 'dataset-profile');

    await page.getByLabel('策略', { exact: true }).selectOption('hospital-visits');
    await page.getByRole('button', { name: '运行' }).click();
    await page.waitForSelector('[data-job-state=succeeded]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).to.equal('pass');
    await expectAccessible(page);
    await saveScreenshot(page, 'job-report');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/\/console\/review\/rev_/);
    const reviewId = page.url().split('/').at(-1) as string;

    await gateway.services.reviews.approveReview(reviewer.context, reviewId, {
      reasons: 'Identifiers dropped; k and R within thresholds.',
      checklist: {
        identifiersChecked: true,
        riskCalculationChecked: true,
        contextAndThresholdAppropriate: true,
        utilityAcceptable: true,
      },
    });

    await page.goto(`${gateway.url}/console/listings/new?reviewId=${reviewId}`);
    await page.getByLabel('标题（中文）').fill('天津门诊就诊统计数据');
    await page.getByLabel('标题（英文）').fill('Tianjin outpatient visits');
    await page.getByLabel('说明（中文）').fill('经去标识化处理的门诊就诊记录。');
    await page.getByLabel('说明（英文）').fill('De-identified outpatient visits.');
    await page.getByLabel(/价格/).fill('1280.50');
    await page.getByLabel('许可条款').fill('仅限声明用途，不得转让第三方。');
    await page.getByLabel('科学研究').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForSelector('[data-listing-state=draft]');
    expect(await page.locator('[data-preview] tbody tr').count()).to.be.greaterThan(0);
    await page.getByRole('button', { name: '上架' }).click();
    await page.waitForSelector('[data-listing-state=published]');
    await saveScreenshot(page, 'listing-published');
    const listings = await gateway.services.listings.listListings(provider.context);
    expect(listings.map((listing) => [listing.state, listing.priceFen])).to.deep.equal([
      ['published', 128050],
    ]);
    await context.close();
  });

  it('keeps the form and names the missing fields when Art. 10 metadata is incomplete', async () => {
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, provider.key);
    await page.goto(`${gateway.url}/console/datasets`);
    await page.getByLabel('名称').fill('需要法律依据的数据');
    await page.getByLabel('主题分类').fill('医疗卫生');
    await page.getByLabel(/数据项/).fill('diagnosis: 诊断');
    await page.getByLabel(/共享类型/).selectOption('conditional');
    await page.getByLabel('使用要求').fill('仅限科研使用');
    await page.getByLabel('数据来源说明').fill('门诊系统');
    await page.getByRole('button', { name: '登记' }).click();
    expect(await page.textContent('[role=alert]')).to.include('legalBasis');
    expect(await page.inputValue('#field-name')).to.equal('需要法律依据的数据');
    await context.close();
  });
});

describe('web/form parsing', () => {
  const prices = [
    { desc: 'whole yuan', input: '12', want: 1200 },
    { desc: 'two decimals', input: '12.34', want: 1234 },
    { desc: 'one decimal', input: '0.5', want: 50 },
    { desc: 'free', input: '0', want: 0 },
  ];
  for (const { desc, input, want } of prices)
    it(`reads a price of ${desc} as fen`, () => expect(yuanToFen(input)).to.equal(want));
  for (const bad of ['-1', '1.234', 'abc', ''])
    it(`refuses the price ${JSON.stringify(bad)}`, () => expect(yuanToFen(bad)).to.be.NaN);

  it('reads attribute lines with ASCII or full-width colons', () => {
    expect(parseAttributeLines('age: 年龄\n\n诊断：diagnosis\nplain')).to.deep.equal([
      { column: 'age', description: '年龄' },
      { column: '诊断', description: 'diagnosis' },
      { column: 'plain', description: 'plain' },
    ]);
  });
});
