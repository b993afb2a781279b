// The report a reviewer downloads from the console is a certificate: provider, dataset revision,
// decision and reviewer once decided, times in Asia/Shanghai, the pinned hashes, a signature block.
import { expect } from 'chai';
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { submitHospitalReview, type SubmittedReview } from '../helpers/console-flow.js';
import { signIn } from '../helpers/console-session.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { APPROVAL } from '../helpers/provider-flow.js';

describe('web/review certificate download', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let submitted: SubmittedReview;
  let reviewer: TestMember;

  before(async () => {
    // 17:00 on 27 November 2026 in Shanghai.
    gateway = await startTestGateway({ startMs: Date.parse('2026-11-27T17:00:00+08:00') });
    submitted = await submitHospitalReview(gateway);
    reviewer = await gateway.createMember(['reviewer']);
  });
  after(() => gateway?.stop());

  async function download(key: string, language: 'zh' | 'en'): Promise<string> {
    const { cookie } = await signIn(gateway, key);
    const response = await fetch(
      `${gateway.url}/console/review/${submitted.reviewId}/report.html`,
      {
        headers: { cookie: `${cookie}; ${LANGUAGE_COOKIE}=${language}` },
      },
    );
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-disposition')).to.match(/^attachment; /);
    return response.text();
  }

  const text = (page: string, name: string) =>
    (new RegExp(`<tr data-certificate="${name}">(.*?)</tr>`).exec(page)?.[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it('names the provider and the dataset revision, pending until decided', async () => {
    const page = await download(reviewer.key, 'zh');
    expect(text(page, 'provider')).to.include(submitted.provider.organization.name);
    expect(text(page, 'dataset')).to.match(
      /^数据集 门诊就诊记录 outpatient visits \( ?ds_\w+ ?\) · 版本 1$/,
    );
    expect(text(page, 'decision')).to.equal('审核结论 待审核');
    expect(page).to.include('审核人签字');
  });

  it('after approval gives the decision, the reviewer, the time in Shanghai and the pinned hashes', async () => {
    gateway.clock.advance(90 * 60_000);
    await gateway.services.reviews.approveReview(reviewer.context, submitted.reviewId, APPROVAL);
    const review = await gateway.services.reviews.getReview(reviewer.context, submitted.reviewId);
    for (const key of [reviewer.key, submitted.provider.key]) {
      const page = await download(key, 'en');
      expect(text(page, 'decision')).to.equal('Decision Approved');
      expect(text(page, 'reviewer')).to.equal(
        `Reviewer ${reviewer.member.displayName} · ${reviewer.organization.name}`,
      );
      expect(text(page, 'decided-at')).to.equal('Decided 2026-11-27 18:30 (Beijing time UTC+8)');
      for (const sha256 of [review.reportSha256, review.artifactSha256, review.policySha256])
        expect(page).to.include(`<code>${sha256}</code>`);
      expect(page).to.include(
        `<span class="signature-value">${reviewer.member.displayName}</span>`,
      );
    }
  });

  it('the review page after approval shows the reasons given and the decision time under their own labels', async () => {
    const { cookie } = await signIn(gateway, submitted.provider.key);
    const response = await fetch(`${gateway.url}/console/review/${submitted.reviewId}`, {
      headers: { cookie: `${cookie}; ${LANGUAGE_COOKIE}=zh` },
    });
    const page = await response.text();
    const decided = page.slice(page.indexOf('id="decided-title"'));
    const fact = (label: string) =>
      new RegExp(`<dt>${label}</dt>\\s*<dd>([^<]*)</dd>`).exec(decided)?.[1].trim();
    expect(fact('审核意见')).to.equal(APPROVAL.reasons);
    expect(fact('决定时间')).to.match(/2026.*18:30/);
    expect(decided).not.to.include('未通过原因');
    expect(decided).not.to.include('提交时间');
  });
});
