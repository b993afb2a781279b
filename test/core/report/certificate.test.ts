import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  buildAnonymizationReport,
  renderReportHtml,
  reportSha256Of,
  toReportJson,
  type ReportCertificate,
} from '../../../src/core/report/index.js';
import { formatShanghaiTime } from '../../../src/core/report/certificate.js';
import { HEX, parts } from './fixtures.js';

const report = buildAnonymizationReport(parts({ k: 2 }));
const SUBMITTED = Date.UTC(2026, 10, 27, 9, 30); // 17:30 in Shanghai
const DECIDED = Date.UTC(2026, 10, 27, 16, 5); // 00:05 the next day in Shanghai

const pending: ReportCertificate = {
  reportSha256: HEX('d'),
  provider: { name: '天津市第一中心医院', uscc: '12120000401359321Q' },
  dataset: { id: 'ds_1', name: '门诊就诊记录 2024', revision: 3 },
  jobId: 'job_1',
  review: {
    id: 'rev_1',
    state: 'pending',
    submittedAtMs: SUBMITTED,
    decidedAtMs: null,
    reviewer: null,
    reasons: null,
  },
};
const approved: ReportCertificate = {
  ...pending,
  review: {
    ...pending.review!,
    state: 'approved',
    decidedAtMs: DECIDED,
    reviewer: { name: '李审核', organization: '数据交易所合规部' },
    reasons: '准标识符已泛化，风险在阈值内',
  },
};

/** The text of the certificate row marked `data-certificate="<name>"`. */
function certificateRow(page: string, name: string): string {
  const match = new RegExp(
    `<tr data-certificate="${name}"><th[^>]*>(.*?)</th><td>(.*?)</td></tr>`,
  ).exec(page);
  expect(match, name).to.not.equal(null);
  return `${match![1]} | ${match![2]}`.replace(/<[^>]+>/g, '');
}

describe('core/report certificate', () => {
  it('names the provider, the dataset and revision, and says the report awaits review', () => {
    const page = renderReportHtml(report, { lang: 'zh', certificate: pending });
    expect(certificateRow(page, 'provider')).to.equal(
      '数据提供方 | 天津市第一中心医院 · 统一社会信用代码 12120000401359321Q',
    );
    expect(certificateRow(page, 'dataset')).to.equal('数据集 | 门诊就诊记录 2024 (ds_1) · 版本 3');
    expect(certificateRow(page, 'decision')).to.equal('审核结论 | 待审核');
    expect(page).not.to.include('data-certificate="reviewer"');
    expect(page).to.include('2026-11-27 17:30 (北京时间 UTC+8)');
  });

  it('once decided, gives the decision, the reviewer and the time in Asia/Shanghai', () => {
    const page = renderReportHtml(report, { lang: 'en', certificate: approved });
    expect(certificateRow(page, 'decision')).to.equal('Decision | Approved');
    expect(certificateRow(page, 'reviewer')).to.equal('Reviewer | 李审核 · 数据交易所合规部');
    expect(certificateRow(page, 'decided-at')).to.equal(
      'Decided | 2026-11-28 00:05 (Beijing time UTC+8)',
    );
    expect(page).to.include('准标识符已泛化，风险在阈值内');
  });

  it('pins the report, input, artifact and policy by their SHA-256', () => {
    const page = renderReportHtml(report, { lang: 'zh', certificate: approved });
    const hashes = /data-certificate="hashes">(.*?)<\/table>/s.exec(page)![1];
    for (const sha256 of [
      HEX('d'),
      report.input.sha256,
      report.output!.sha256,
      report.policy.sha256,
    ])
      expect(hashes).to.include(`<code>${sha256}</code>`);
  });

  it('ends with a signature block filled with the reviewer once decided, and prints on A4', () => {
    const signed = renderReportHtml(report, { lang: 'zh', certificate: approved });
    const block = signed.slice(signed.indexOf('class="signatures"'));
    expect(block).to.include('审核人签字');
    expect(block).to.include('<span class="signature-value">李审核</span>');
    expect(block).to.include('<span class="signature-value">2026-11-28</span>');
    expect(block).to.include('数据提供方（盖章）');
    const unsigned = renderReportHtml(report, { lang: 'zh', certificate: pending });
    expect(unsigned).to.match(/审核人签字<\/span><span class="signature-value"><\/span>/);
    expect(signed).to.match(/@media print\{/);
    expect(signed).to.include('@page{size:A4');
  });

  it('escapes every value it is given', () => {
    const page = renderReportHtml(report, {
      certificate: { ...pending, provider: { name: '<script>x</script>' } },
    });
    expect(page).not.to.include('<script>');
  });

  it('without certificate facts is still a certificate: provider not stated, not submitted, hashes pinned', () => {
    const page = renderReportHtml(report, { lang: 'zh' });
    expect(certificateRow(page, 'provider')).to.equal('数据提供方 | 未注明');
    expect(certificateRow(page, 'dataset')).to.equal('数据集 | 未注明');
    expect(certificateRow(page, 'decision')).to.equal('审核结论 | 尚未提交审核');
    expect(page).to.include('class="signatures"');
    const pinned = createHash('sha256').update(toReportJson(report), 'utf8').digest('hex');
    expect(reportSha256Of(report)).to.equal(pinned);
    const hashes = /data-certificate="hashes">(.*?)<\/table>/s.exec(page)![1];
    expect(hashes).to.include(`<code>${pinned}</code>`);
    const offline = renderReportHtml(report, {
      lang: 'en',
      certificate: { provider: { name: 'Tianjin clinic' }, dataset: { name: 'visits.csv' } },
    });
    expect(certificateRow(offline, 'provider')).to.equal('Data provider | Tianjin clinic');
    expect(certificateRow(offline, 'dataset')).to.equal('Dataset | visits.csv');
  });

  it('gives the generation time in Asia/Shanghai', () => {
    const page = renderReportHtml(report, { lang: 'zh' });
    expect(page).to.include(`>${formatShanghaiTime(report.generatedAtMs, 'zh')}</time>`);
    expect(formatShanghaiTime(Date.UTC(2026, 11, 31, 16, 0), 'en')).to.equal(
      '2027-01-01 00:00 (Beijing time UTC+8)',
    );
  });
});
