// Issue 17 item 5: every role's pages read in 中文 show no English enum word (states, roles,
// kinds, phases, frequencies… gathered from the code that defines them), and no error shows an
// internal field path. Walked in Chromium: the text checked is the text a person sees.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seedConsoleWalks, WALK_ROLES, type ConsoleWalks } from '../helpers/console-walk.js';
import { enumWordsIn, FIELD_PATH } from '../helpers/enum-words.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { launchBrowserOrSkip, newConsoleContext, signInThroughPage } from '../helpers/browser.js';

describe('web/every role in 中文 (issue 17 item 5)', function () {
  this.timeout(240_000);
  let gateway: TestGateway;
  let browser: Browser;
  let walks: ConsoleWalks['walks'];
  let entitlementId: string;
  let listingId: string;
  let jobId: string;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    ({ walks, entitlementId, listingId, jobId } = await seedConsoleWalks(gateway));
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  async function shownText(page: Page, path: string): Promise<string> {
    const response = await page.goto(`${gateway.url}${path}`);
    expect(response?.status(), path).to.be.below(400);
    return page.innerText('main');
  }

  for (const role of WALK_ROLES) {
    it(`shows the ${role} no English enum word on any page`, async () => {
      const walk = walks[role];
      const context = await newConsoleContext(browser);
      const page = await context.newPage();
      await signInThroughPage(page, gateway.url, walk.member.key);
      const found: Record<string, string[]> = {};
      for (const path of walk.paths) {
        const words = enumWordsIn(await shownText(page, path));
        if (words.length > 0) found[path] = words;
      }
      await context.close();
      expect(found).to.deep.equal({});
    });
  }

  for (const role of WALK_ROLES) {
    it(`fits every main page of the ${role} on a 390 px phone (item 9)`, async () => {
      const walk = walks[role];
      const context = await newConsoleContext(browser, 'phone');
      const page = await context.newPage();
      await signInThroughPage(page, gateway.url, walk.member.key);
      const overflowing: Record<string, number> = {};
      // One ledger entry stands for all of them.
      const paths = walk.paths.filter((path) => !/\/ledger\/entries\/(?!1$)/.test(path));
      for (const path of paths) {
        await page.goto(`${gateway.url}${path}`);
        const width = await page.evaluate(() =>
          Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        );
        if (width > 390) overflowing[path] = width;
      }
      await context.close();
      expect(overflowing).to.deep.equal({});
    });
  }

  it('lets the provider read who asks and refuse in a form wide enough to read (item 2)', async () => {
    const asker = await gateway.createMember(['buyer'], { displayName: '孙统计员' });
    await gateway.services.accessRequests.submitAccessRequest(asker.context, {
      listingId,
      purpose: 'statistics',
      intendedUse: '按区统计门诊量，用于卫生资源规划。',
      requestedDurationDays: 30,
      columns: ['district'],
    });
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, walks.provider.member.key);
    await page.goto(`${gateway.url}/console/requests`);
    const row = page.locator('[data-incoming] tr', { hasText: '孙统计员' });
    expect(await row.locator('[data-request-requester]').innerText()).to.equal(
      asker.organization.name,
    );
    const status = row.locator('[data-request-state] .nowrap');
    const statusBox = await status.boundingBox();
    // One line of text: the status word never stacks character by character.
    expect(statusBox?.height ?? 0).to.be.below(30);
    await row.locator('summary', { hasText: '拒绝' }).click();
    const select = row.locator('select[name=reasonCode]');
    expect((await select.boundingBox())?.width ?? 0).to.be.at.least(200);
    expect((await select.locator('option').first().innerText()).trim()).to.equal(
      '用途不在许可范围内',
    );
    await context.close();
  });

  it('names no field path in any error a form shows', async () => {
    const buyer = walks.buyer.member;
    // Another organization's buyer, who holds no entitlement yet and so still sees the form.
    const newcomer = await gateway.createMember(['buyer'], { displayName: '赵分析师' });
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, newcomer.key);
    const errors: string[] = [];
    const alertText = async () => (await page.locator('[role=alert]').allInnerTexts()).join('\n');

    // An intended use of 8 characters, past the browser's own minlength check.
    await page.goto(`${gateway.url}/console/catalog/${listingId}`);
    await page
      .locator('#field-intendedUse')
      .evaluate((field) => field.removeAttribute('minlength'));
    await page.getByLabel('具体用途说明').fill('研究居民用电结构');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForSelector('[data-field-error=intendedUse]');
    errors.push(await alertText());

    // A between filter with one bound, and an average over a text column.
    await context.clearCookies();
    await signInThroughPage(page, gateway.url, buyer.key);
    await page.goto(`${gateway.url}/console/entitlements/${entitlementId}`);
    await page.getByLabel('筛选字段', { exact: true }).selectOption('age');
    await page.getByLabel('条件').selectOption('between');
    await page.getByLabel('值', { exact: true }).fill('20');
    await page.getByRole('button', { name: '运行查询' }).click();
    await page.waitForSelector('[data-field-error=value]');
    errors.push(await alertText());
    await page.getByLabel('汇总', { exact: true }).selectOption('avg');
    await page.getByLabel('汇总字段').selectOption('sex');
    await page.getByLabel('筛选字段', { exact: true }).selectOption('');
    await page.getByRole('button', { name: '运行查询' }).click();
    await page.waitForSelector('[data-error-notice]');
    errors.push(await alertText());
    await context.close();

    for (const error of errors) {
      expect(error).to.not.equal('');
      expect(error, error).not.to.match(FIELD_PATH);
      expect(enumWordsIn(error), error).to.deep.equal([]);
      expect(error, error).not.to.match(/want|Too small|expected|refused/);
    }
  });

  it('says a job loading at 5 % is running, with its phase in words (item 6)', async () => {
    // Running under a lease no worker will take over, loading at 5 %.
    await gateway.db('anonymization_jobs').where({ id: jobId }).update({
      state: 'running',
      phase: 'loading',
      progress_pct: 5,
      lease_expires_at_ms: Number.MAX_SAFE_INTEGER,
    });
    const context = await newConsoleContext(browser);
    const page = await context.newPage();
    await signInThroughPage(page, gateway.url, walks.provider.member.key);
    // The page as it was rendered while the job still waited: the poll must bring it up to date.
    await page.route(`**/console/jobs/${jobId}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text())
        .replace('data-job-state="running">运行中', 'data-job-state="queued">排队中')
        .replace(/<span data-phase>[^<]*<\/span>/, '<span data-phase></span>');
      await route.fulfill({ response, body });
    });
    await page.goto(`${gateway.url}/console/jobs/${jobId}`);
    expect(await page.textContent('[data-job-state]')).to.equal('排队中');
    await page.waitForSelector('[data-job-state=running]');
    expect(await page.textContent('[data-job-state]')).to.equal('运行中');
    expect(await page.textContent('[data-phase]')).to.equal('读取数据');
    expect(enumWordsIn(await page.innerText('main'))).to.deep.equal([]);
    await context.close();
  });
});
