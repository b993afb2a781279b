// The certificate block of the HTML report: who provided which dataset revision, what was decided
// and by whom, the hashes that pin it, and a signature block, so a reviewer can sign a printout.
// The pinned JSON report cannot hold the decision (it is hashed before anyone decides): the caller
// passes these facts in when it renders. Every HTML report is a certificate (CLI, API, console);
// a fact the caller does not know (the CLI has no provider on record) prints as not stated.
import { createHash } from 'node:crypto';
import { escapeHtml } from '../escape-html.js';
import type { AnonymizationReport } from './report-model.js';
import { toReportJson } from './report-json.js';
import type { ReportLanguage } from './report-labels.js';
import { pickLabel } from './report-labels.js';

/** The review states a certificate can show; anything else prints as pending. */
export type CertificateDecision = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ReportCertificate {
  /**
   * SHA-256 of the report's canonical JSON: what the review and the ledger pin. Computed from the
   * report when absent (the stored bytes are its canonical JSON).
   */
  readonly reportSha256?: string;
  /** Absent where no provider is on record (an offline CLI run without `--provider`). */
  readonly provider?: { readonly name: string; readonly uscc?: string };
  /** The dataset; `id` and `revision` are absent outside the gateway (a file on disk). */
  readonly dataset?: { readonly id?: string; readonly name: string; readonly revision?: number };
  readonly jobId?: string;
  /** Absent before the report is submitted for review. */
  readonly review?: {
    readonly id: string;
    readonly state: CertificateDecision;
    readonly submittedAtMs: number;
    readonly decidedAtMs: number | null;
    /** The member who decided, and their organization; null while pending. */
    readonly reviewer: { readonly name: string; readonly organization: string } | null;
    /** The decision's written reasons (approving or refusing), null while pending. */
    readonly reasons: string | null;
  };
}

const CERTIFICATE_LABELS = {
  certificate: ['匿名化处理证明', 'Anonymization certificate'],
  provider: ['数据提供方', 'Data provider'],
  uscc: ['统一社会信用代码', 'Unified social credit code'],
  dataset: ['数据集', 'Dataset'],
  revision: ['版本', 'revision'],
  job: ['处理作业', 'Anonymization job'],
  review: ['审核单', 'Review'],
  submittedAt: ['提交审核时间', 'Submitted for review'],
  decision: ['审核结论', 'Decision'],
  decidedAt: ['审核时间', 'Decided'],
  reviewer: ['审核人', 'Reviewer'],
  decisionReasons: ['审核意见', 'Reasons given'],
  pending: ['待审核', 'Awaiting review'],
  approved: ['审核通过', 'Approved'],
  rejected: ['审核未通过', 'Rejected'],
  withdrawn: ['已撤回', 'Withdrawn'],
  notSubmitted: ['尚未提交审核', 'Not yet submitted for review'],
  notStated: ['未注明', 'not stated'],
  pinned: ['本证明所指的文件（SHA-256）', 'What this certificate pins (SHA-256)'],
  reportJson: ['评估报告（JSON 原文）', 'Report (canonical JSON)'],
  inputFile: ['原始数据', 'Raw input'],
  artifact: ['匿名化数据', 'Anonymized artifact'],
  policyFile: ['处理策略', 'Policy'],
  signatures: ['签字', 'Signatures'],
  reviewerSignature: ['审核人签字', 'Reviewer signature'],
  reviewerSeal: ['审核机构（盖章）', 'Reviewing organization (seal)'],
  providerSeal: ['数据提供方（盖章）', 'Data provider (seal)'],
  date: ['日期', 'Date'],
  timeZone: ['北京时间', 'Beijing time'],
} as const satisfies Record<string, readonly [string, string]>;

type CertificateLabel = keyof typeof CERTIFICATE_LABELS;

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai (UTC+08:00 all year since 1992), with the zone named. */
export function formatShanghaiTime(atMs: number, lang: ReportLanguage): string {
  const shifted = new Date(atMs + 8 * 60 * 60 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} (${pickLabel(CERTIFICATE_LABELS.timeZone, lang, false)} UTC+8)`;
}

/** SHA-256 (hex) of the report's canonical JSON, the bytes a review and the ledger pin. */
export function reportSha256Of(report: AnonymizationReport): string {
  return createHash('sha256').update(toReportJson(report), 'utf8').digest('hex');
}

/** The certificate section, first on the page. */
export function renderCertificate(
  report: AnonymizationReport,
  certificate: ReportCertificate,
  lang: ReportLanguage,
): string {
  const t = (name: CertificateLabel) => pickLabel(CERTIFICATE_LABELS[name], lang, true);
  const row = (label: string, value: string, attribute = '') =>
    `<tr${attribute}><th scope="row">${label}</th><td>${value}</td></tr>`;
  const { provider, dataset, review } = certificate;
  const datasetText =
    dataset === undefined
      ? t('notStated')
      : [
          escapeHtml(dataset.name),
          dataset.id === undefined ? '' : ` (<code>${escapeHtml(dataset.id)}</code>)`,
          dataset.revision === undefined ? '' : ` · ${t('revision')} ${dataset.revision}`,
        ].join('');
  const rows = [
    row(
      t('provider'),
      provider === undefined
        ? t('notStated')
        : `${escapeHtml(provider.name)}${provider.uscc ? ` · ${t('uscc')} <code>${escapeHtml(provider.uscc)}</code>` : ''}`,
      ' data-certificate="provider"',
    ),
    row(t('dataset'), datasetText, ' data-certificate="dataset"'),
  ];
  if (certificate.jobId) rows.push(row(t('job'), `<code>${escapeHtml(certificate.jobId)}</code>`));
  if (review === undefined) {
    rows.push(row(t('decision'), t('notSubmitted'), ' data-certificate="decision"'));
  } else {
    rows.push(
      row(t('review'), `<code>${escapeHtml(review.id)}</code>`),
      row(t('submittedAt'), escapeHtml(formatShanghaiTime(review.submittedAtMs, lang))),
      row(
        t('decision'),
        `<strong class="decision-${review.state}">${t(review.state)}</strong>`,
        ' data-certificate="decision"',
      ),
    );
    if (review.decidedAtMs !== null)
      rows.push(
        row(
          t('decidedAt'),
          escapeHtml(formatShanghaiTime(review.decidedAtMs, lang)),
          ' data-certificate="decided-at"',
        ),
      );
    if (review.reviewer !== null)
      rows.push(
        row(
          t('reviewer'),
          `${escapeHtml(review.reviewer.name)} · ${escapeHtml(review.reviewer.organization)}`,
          ' data-certificate="reviewer"',
        ),
      );
    if (review.reasons) rows.push(row(t('decisionReasons'), escapeHtml(review.reasons)));
  }
  const hash = (label: CertificateLabel, sha256: string | undefined) =>
    row(t(label), sha256 === undefined ? '—' : `<code>${escapeHtml(sha256)}</code>`);
  const pinned = [
    hash('reportJson', certificate.reportSha256 ?? reportSha256Of(report)),
    hash('inputFile', report.input.sha256),
    hash('artifact', report.output?.sha256),
    hash('policyFile', report.policy.sha256),
  ];
  return `<section class="certificate" aria-labelledby="certificate-title"><h2 id="certificate-title">${t('certificate')}</h2>
<table class="facts">${rows.join('')}</table>
<h3>${t('pinned')}</h3><table class="facts" data-certificate="hashes">${pinned.join('')}</table></section>`;
}

/** The signature block, last on the page: lines to sign, pre-filled with the reviewer once decided. */
export function renderSignatureBlock(certificate: ReportCertificate, lang: ReportLanguage): string {
  const t = (name: CertificateLabel) => pickLabel(CERTIFICATE_LABELS[name], lang, true);
  const decided = certificate.review?.decidedAtMs ?? null;
  const reviewer = certificate.review?.reviewer ?? null;
  const line = (label: string, filled = '') =>
    `<div class="signature-line"><span class="signature-label">${label}</span><span class="signature-value">${filled}</span></div>`;
  return `<section class="signatures" aria-labelledby="signatures-title"><h2 id="signatures-title">${t('signatures')}</h2>
<div class="signature-grid"><div class="signature-party">
${line(t('reviewerSignature'), reviewer === null ? '' : escapeHtml(reviewer.name))}
${line(t('reviewerSeal'), reviewer === null ? '' : escapeHtml(reviewer.organization))}
${line(t('date'), decided === null ? '' : escapeHtml(formatShanghaiTime(decided, lang).slice(0, 10)))}
</div><div class="signature-party">
${line(t('providerSeal'), escapeHtml(certificate.provider?.name ?? ''))}
${line(t('date'))}
</div></div></section>`;
}

/** Styles of the certificate and signature block, and the page as printed (A4, no split rows). */
export const CERTIFICATE_STYLE = `.certificate{border:2px solid #1b1b1b;padding:.2em 1em 1em;margin:1em 0}
.certificate th{width:14em}.decision-approved{color:#2e7d32}.decision-rejected{color:#b23b3b}
.signature-grid{display:flex;flex-wrap:wrap;gap:2em}.signature-party{flex:1 1 300px}
.signature-line{display:flex;align-items:flex-end;gap:.5em;margin:1.6em 0 0}.signature-label{white-space:nowrap}
.signature-value{flex:1;border-bottom:1px solid #1b1b1b;min-height:1.4em;padding:0 .3em}
@page{size:A4;margin:16mm 14mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt;color:#000}
h2{break-after:avoid}tr,.chart,.certificate,.signatures{break-inside:avoid}
.signatures{break-before:auto}.badge{border:1px solid #000;color:#000;background:none}
code{word-break:break-all}a{color:inherit;text-decoration:none}}`;
