// Issue 17: every role's pages read in English. The people of the fixture write in Chinese
// (names, organizations, purposes, reasons, the sample's values), so a Han character on a page is
// either theirs or the console's: the console's own words — navigation, headings, labels,
// buttons, table headers, errors — must carry none. Walked in Chromium: the text checked is the
// text a person sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { HOSPITAL_SAMPLE } from '../helpers/console-flow.js';
import {
  seedConsoleWalks,
  signedInPage,
  WALK_ROLES,
  type ConsoleWalks,
} from '../helpers/console-walk.js';
import { FIELD_PATH } from '../helpers/enum-words.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { launchBrowserOrSkip } from '../helpers/browser.js';

const HAN = /\p{Script=Han}+/gu;
const POLICIES = join(process.cwd(), 'policies');

/** The console's own words: what is not a value a person entered or a dataset holds. */
const CHROME =
  'nav, h1, h2, h3, h4, label, button, th, legend, summary, caption, dt, [role=alert], .field-error, .hint';

/** The text left once every user-written text is taken out, longest first. */
function withoutUserTexts(text: string, userTexts: readonly string[]): string {
  return [...userTexts]
    .sort((a, b) => b.length - a.length)
    .reduce((left, userText) => left.split(userText).join(' '), text);
}

const hanIn = (text: string): string[] => text.match(HAN) ?? [];

describe('web/every role in English (issue 17)', function () {
  this.timeout(240_000);
  let gateway: TestGateway;
  let browser: Browser;
  let seeded: ConsoleWalks;
  /**
   * The provider's data in Chinese: the sample's cells (districts, diagnoses…) and the policy's
   * hierarchy groups, shown in previews, results and reports, whole or masked in part.
   */
  let dataTexts: string;

  before(async function () {
    browser = await launchBrowserOrSkip(this);
    gateway = await startTestGateway();
    seeded = await seedConsoleWalks(gateway);
    dataTexts = [
      HOSPITAL_SAMPLE,
      join(POLICIES, 'hospital-visits.yaml'),
      join(POLICIES, 'hierarchies', 'sex.csv'),
      join(POLICIES, 'hierarchies', 'regions', 'district-1201.csv'),
    ]
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
  });
  after(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  const inEnglish = (member: TestMember) =>
    signedInPage(browser, gateway.url, member, { language: 'en' });

  /** The Han characters of the page's own words (the language switch is written in 中文 on purpose). */
  async function chromeHan(page: Page): Promise<string[]> {
    const texts = await page
      .locator(CHROME)
      .evaluateAll((elements) =>
        elements
          .filter((element) => !element.closest('[lang^=zh]'))
          .map((element) => (element as HTMLElement).innerText),
      );
    return hanIn(withoutUserTexts(texts.join('\n'), seeded.userTexts));
  }

  for (const role of WALK_ROLES) {
    it(`shows the ${role} pages whose own words carry no Han character`, async () => {
      const { context, page } = await inEnglish(seeded.walks[role].member);
      const found: Record<string, string[]> = {};
      for (const path of seeded.walks[role].paths) {
        const response = await page.goto(`${gateway.url}${path}`);
        expect(response?.status(), path).to.be.below(400);
        expect(await page.getAttribute('html', 'lang'), path).to.equal('en');
        // The page's words, and anything else in it neither written by a person nor in the data.
        const main = withoutUserTexts(await page.innerText('main'), seeded.userTexts);
        const notData = hanIn(main).filter((run) => !dataTexts.includes(run));
        const han = [...(await chromeHan(page)), ...notData];
        if (han.length > 0) found[path] = han;
      }
      await context.close();
      expect(found).to.deep.equal({});
    });
  }

  /** The error under a field: shown next to it, named by it, in English, without a field path. */
  async function fieldErrorNextTo(page: Page, fieldSelector: string, errorSelector: string) {
    const error = page.locator(errorSelector);
    const text = (await error.innerText()).trim();
    expect(text).to.not.equal('');
    expect(hanIn(text), text).to.deep.equal([]);
    expect(text, text).not.to.match(FIELD_PATH);
    const field = await page.locator(fieldSelector).boundingBox();
    const box = await error.boundingBox();
    expect(field && box, errorSelector).to.not.equal(null);
    // Just under the field and its hint, not elsewhere on the page.
    expect(box!.y - (field!.y + field!.height), errorSelector).to.be.within(-1, 100);
    return text;
  }

  it('shows an access request error next to its field, in English, with no field path', async () => {
    const newcomer = await gateway.createMember(['buyer'], { displayName: '赵分析师' });
    const { context, page } = await inEnglish(newcomer);
    await page.goto(`${gateway.url}/console/catalog/${seeded.listingId}`);
    // Past the browser's own minlength check, to see the console's.
    await page
      .locator('#field-intendedUse')
      .evaluate((field) => field.removeAttribute('minlength'));
    await page.getByLabel('Intended use').fill('研究居民用电结构');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    await page.waitForSelector('[data-field-error=intendedUse]');
    const describedBy = await page.getAttribute('#field-intendedUse', 'aria-describedby');
    const errorId = await page.getAttribute('[data-field-error=intendedUse]', 'id');
    expect(describedBy?.split(' ')).to.include(errorId);
    await fieldErrorNextTo(page, '#field-intendedUse', '[data-field-error=intendedUse]');
    const alert = await page.locator('[role=alert]').allInnerTexts();
    expect(alert.join('\n')).to.include('Intended use').and.not.match(FIELD_PATH);
    expect(await chromeHan(page)).to.deep.equal([]);
    await context.close();
  });

  it('shows each unticked review checklist point under itself, in English', async () => {
    const { context, page } = await inEnglish(seeded.walks.reviewer.member);
    await page.goto(`${gateway.url}/console/review/${seeded.pendingReviewId}`);
    await page.getByLabel(/Reasons/).fill('标识符已删除，k 与 R 均在阈值内。');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForSelector('[data-field-error^="checklist."]');
    const errors = await page.locator('[data-field-error^="checklist."]').all();
    expect(errors).to.have.length(4);
    for (const error of errors) {
      const item = (await error.getAttribute('data-field-error'))!.slice('checklist.'.length);
      expect(await error.innerText()).to.equal('Tick this point before approving.');
      // The error follows the box it is about.
      expect(
        await error.evaluate(
          (element) =>
            (
              element.previousElementSibling?.querySelector('input[name=checklist]') as
                HTMLInputElement | undefined
            )?.value,
        ),
      ).to.equal(item);
      await fieldErrorNextTo(
        page,
        `input[name=checklist][value=${item}]`,
        `[data-field-error="checklist.${item}"]`,
      );
    }
    const alert = (await page.locator('[role=alert]').allInnerTexts()).join('\n');
    expect(alert).not.to.match(FIELD_PATH);
    expect(alert).not.to.match(/checklist|must be true/);
    expect(await chromeHan(page)).to.deep.equal([]);
    await context.close();
  });

  it('names the requester in the provider’s inbox, in English', async () => {
    const asker = await gateway.createMember(['buyer'], { displayName: '孙统计员' });
    await gateway.services.accessRequests.submitAccessRequest(asker.context, {
      listingId: seeded.listingId,
      purpose: 'statistics',
      intendedUse: '按区统计门诊量，用于卫生资源规划。',
      requestedDurationDays: 30,
      columns: ['district'],
    });
    const { context, page } = await inEnglish(seeded.walks.provider.member);
    await page.goto(`${gateway.url}/console/requests`);
    const row = page.locator('[data-incoming] tr', { hasText: '孙统计员' });
    expect(await row.locator('[data-request-requester]').innerText()).to.include(
      asker.organization.name,
    );
    expect((await row.locator('[data-request-state]').innerText()).trim()).to.equal('pending');
    await row.locator('summary', { hasText: 'Refuse' }).click();
    const firstReason = await row.locator('select[name=reasonCode] option').first().innerText();
    expect(hanIn(firstReason)).to.deep.equal([]);
    expect(firstReason.trim()).to.not.equal('purpose_not_permitted');
    expect(await chromeHan(page)).to.deep.equal([]);
    await context.close();
  });

  it('gives the certificate of a decided report with English labels', async () => {
    const { context, page } = await inEnglish(seeded.walks.reviewer.member);
    const reviewer = seeded.walks.reviewer.member;
    const provider = seeded.walks.provider.member;
    await page.goto(`${gateway.url}/console/review/${seeded.rejectedReviewId}`);
    // The report a person downloads from the link, opened as they would open it.
    const href = await page.getAttribute('a[href$="/report.html"]', 'href');
    const report = await page.request.get(`${gateway.url}${href}`);
    expect(report.status()).to.equal(200);
    await page.setContent(await report.text());
    const row = async (name: string) =>
      (await page.locator(`[data-certificate="${name}"]`).innerText()).replace(/\s+/g, ' ').trim();
    expect(await row('provider'))
      .to.match(/^Data provider\b/)
      .and.include(provider.organization.name);
    expect(await row('dataset')).to.match(/^Dataset .*· revision 1$/);
    expect(await row('decision')).to.equal('Decision Rejected');
    expect(await row('reviewer')).to.equal(
      `Reviewer ${reviewer.member.displayName} · ${reviewer.organization.name}`,
    );
    expect(await row('decided-at')).to.match(/^Decided \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(await chromeHan(page)).to.deep.equal([]);
    await context.close();
  });
});
