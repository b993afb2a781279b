import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { HOSPITAL_SAMPLE } from '../helpers/console-flow.js';
import {
  launchBrowserOrSkip,
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

describe('web/console flow in Chromium: provider → reviewer → buyer', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let browser: Browser;
  let provider: TestMember;
  let reviewer: TestMember;
  let buyer: TestMember;
  before(async function () {
    // First, so a machine without a browser skips the suite before starting a gateway.
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    reviewer = await gateway.createMember(['reviewer']);
    buyer = await gateway.createMember(['buyer']);
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('walks provider, reviewer and buyer through the pages: a conditional listing from upload to a verified receipt', async () => {
    const providerContext = await newConsoleContext(browser);
    const page = await providerContext.newPage();
    await signInThroughPage(page, gateway.url, provider.key);

    // Provider: register the dataset with its Art. 10 metadata (conditional sharing needs a legal basis).
    await page.goto(`${gateway.url}/console/datasets`);
    await page.getByLabel('名称').fill('门诊就诊记录');
    await page.getByLabel('主题分类').fill('医疗卫生');
    await page.getByLabel(/数据项/).fill('diagnosis: 诊断\ndepartment: 科室');
    await page.getByLabel(/共享类型/).selectOption('conditional');
    await page.getByLabel(/法律依据/).fill('《天津市促进大数据发展应用条例》第十六条');
    await page.getByLabel('使用要求').fill('仅限科研使用');
    await page.getByLabel('数据来源说明').fill('本院门诊系统 2024 年记录');
    await expectAccessible(page);
    await page.getByRole('button', { name: '登记' }).click();
    await page.waitForSelector('[data-upload-panel]');

    // Provider: upload; the profile flags direct identifiers and shows no raw value.
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

    // Provider: run the policy, follow it to the report, submit it for review.
    await page.getByLabel('策略', { exact: true }).selectOption('hospital-visits');
    await page.getByRole('button', { name: '运行', exact: true }).click();
    await page.waitForSelector('[data-job-state=succeeded]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).to.equal('pass');
    await expectAccessible(page);
    await saveScreenshot(page, 'job-report');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/\/console\/review\/rev_/);
    const reviewId = new URL(page.url()).pathname.split('/').at(-1) as string;
    expect(await page.getAttribute('[data-done]', 'data-done')).to.equal('reviewSubmitted');

    // Reviewer of another organization: approve with the whole checklist.
    const reviewerContext = await newConsoleContext(browser);
    const reviewerPage = await reviewerContext.newPage();
    await signInThroughPage(reviewerPage, gateway.url, reviewer.key);
    await reviewerPage.goto(`${gateway.url}/console/review/${reviewId}`);
    for (const box of await reviewerPage.locator('input[name=checklist]').all()) await box.check();
    await reviewerPage.getByLabel(/理由/).fill('标识符已删除，k=20，风险 R 在阈值内。');
    await reviewerPage.getByRole('button', { name: '批准' }).click();
    await reviewerPage.waitForSelector('[data-review-state=approved]');

    // Provider: list it and publish.
    await page.goto(`${gateway.url}/console/listings/new?reviewId=${reviewId}`);
    await page.getByLabel('标题（中文）').fill('天津门诊就诊统计数据');
    await page.getByLabel('标题（英文）').fill('Tianjin outpatient visits');
    await page.getByLabel('说明（中文）').fill('经去标识化处理的门诊就诊记录。');
    await page.getByLabel('说明（英文）').fill('De-identified outpatient visits.');
    await page.getByLabel(/标签/).fill('医疗, 天津');
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

    // Buyer: find it in the catalog and request access (conditional: Art. 17).
    const buyerContext = await newConsoleContext(browser);
    const buyerPage = await buyerContext.newPage();
    await signInThroughPage(buyerPage, gateway.url, buyer.key);
    await buyerPage.goto(`${gateway.url}/console/catalog?q=门诊`);
    await buyerPage.locator('[data-catalog] a').first().click();
    expect(await buyerPage.getAttribute('[data-sharing-type]', 'data-sharing-type')).to.equal(
      'conditional',
    );
    expect(await buyerPage.textContent('[data-price]')).to.include('1,280.50');
    await expectAccessible(buyerPage);
    await saveScreenshot(buyerPage, 'catalog-listing');
    await buyerPage.getByLabel('具体用途说明').fill('天津市门诊疾病谱与就诊科室分布的流行病学研究');
    await buyerPage.getByLabel('department').uncheck();
    await buyerPage.getByRole('button', { name: '提交申请' }).click();
    await buyerPage.waitForSelector('[data-outgoing] [data-request-state=pending]');

    // Provider: answers within the deadline shown as a working-day countdown.
    await page.goto(`${gateway.url}/console/requests`);
    expect(await page.locator('[data-incoming] [data-countdown]').count()).to.equal(1);
    await expectAccessible(page);
    await saveScreenshot(page, 'requests-incoming');
    await page.locator('[data-incoming]').getByRole('button', { name: '同意' }).click();
    await page.waitForSelector('[data-incoming] [data-request-state=approved]');

    // Buyer: order with the approved request, query, download and verify the receipt.
    await buyerPage.goto(buyerPage.url().replace(/\/console\/.*$/, '/console/catalog?q=门诊'));
    await buyerPage.locator('[data-catalog] a').first().click();
    await buyerPage.getByRole('button', { name: '确认购买' }).click();
    await buyerPage.waitForSelector('[data-entitlement-status=active]');
    await buyerPage.getByLabel('分组字段').selectOption('district');
    await buyerPage.getByLabel('汇总', { exact: true }).selectOption('count');
    await buyerPage.getByRole('button', { name: '运行查询' }).click();
    await buyerPage.waitForSelector('[data-query-results]');
    expect(await buyerPage.locator('[data-query-results] tbody tr').count()).to.be.greaterThan(0);
    const columns = await buyerPage.locator('[data-query-results] thead th').allTextContents();
    expect(columns).to.deep.equal(['district', 'n']);
    await expectAccessible(buyerPage);
    await saveScreenshot(buyerPage, 'entitlement-query');
    const [download] = await Promise.all([
      buyerPage.waitForEvent('download'),
      buyerPage.locator('[data-download=csv]').click(),
    ]);
    const csv = await (
      await import('node:fs/promises')
    ).readFile((await download.path()) as string, 'utf8');
    expect(csv.split('\n')[0]).to.not.include('department');
    expect(csv).to.not.match(/\d{17}[\dX]/);
    // The sequencer signs a checkpoint per batch; the test clock stands still, so flush it now.
    await gateway.services.ledger.flush();
    await buyerPage.goto(buyerPage.url().replace(/\/query$/, ''));
    await buyerPage.getByRole('button', { name: /在浏览器中验证/ }).click();
    await buyerPage.waitForSelector('[data-verify-result][data-state]');
    expect(await buyerPage.getAttribute('[data-verify-result]', 'data-state')).to.equal('verified');
    expect(await buyerPage.locator('[data-usage] tbody tr').count()).to.equal(2);
    await saveScreenshot(buyerPage, 'receipt-verified');
    await Promise.all([providerContext.close(), reviewerContext.close(), buyerContext.close()]);
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
    // Said in the page's language, next to the field, by its label: never the service's path.
    const alert = await page.textContent('[role=alert]');
    expect(alert).to.include('法律依据').and.not.include('legalBasis');
    expect(await page.textContent('[data-field-error=legalBasis]')).to.include('请填写此项');
    expect(await page.getAttribute('#field-legalBasis', 'aria-invalid')).to.equal('true');
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
