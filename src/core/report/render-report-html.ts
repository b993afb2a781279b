// Renders an anonymization report as one self-contained HTML page (inline CSS and SVG, no scripts,
// no external assets) in Chinese, English or both, for the reviewer who approves it.
import type { ClassSizeBin, ColumnUtility, RiskFigures } from '../privacy/index.js';
import { escapeHtml } from '../escape-html.js';
import type { AnonymizationReport, ReportDetection, ReportRiskSummary } from './report-model.js';
import type { LabelName, ReportLanguage } from './report-labels.js';
import { CONTEXT_NAMES, LABELS, LEVEL_NAMES, pickLabel } from './report-labels.js';
import type { ReportCertificate } from './certificate.js';
import {
  CERTIFICATE_STYLE,
  formatShanghaiTime,
  renderCertificate,
  renderSignatureBlock,
} from './certificate.js';
import type { ChartBar } from './svg-chart.js';
import { renderBarChart } from './svg-chart.js';
import { renderAnalysis } from './render-analysis.js';

export interface RenderReportOptions {
  /** 'bilingual' (default) prints Chinese then English for every label. */
  readonly lang?: ReportLanguage;
  /**
   * Who provided which dataset revision, the review and its decision: printed as a certificate
   * first and a signature block last. Every page is a certificate: without these facts it says
   * the provider is not stated and the report is not yet submitted for review.
   */
  readonly certificate?: ReportCertificate;
}

const STYLE = `body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:980px;color:#1b1b1b;line-height:1.5}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}.en{color:#555;font-size:.9em}
.badge{display:inline-block;padding:.2em .8em;border-radius:.3em;font-weight:bold;color:#fff}.badge .en{color:inherit}.pass{background:#2e7d32}.fail{background:#b23b3b}
code{font-size:.85em;word-break:break-all}.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{flex:1 1 440px}svg[role=img]{max-width:100%;height:auto}footer{margin-top:2em;color:#666;font-size:.85em}`;

/** Renders the whole page; every value from the report is HTML-escaped. */
export function renderReportHtml(
  report: AnonymizationReport,
  options: RenderReportOptions = {},
): string {
  const lang = options.lang ?? 'bilingual';
  const t = (name: LabelName): string => pick(LABELS[name], lang);
  const plain = (name: LabelName): string => pickPlain(LABELS[name], lang);
  const certificate = options.certificate ?? {};
  const sections = [
    header(report, t, plain, lang),
    renderCertificate(report, certificate, lang),
    overview(report, t),
    models(report, t),
    gate(report, t),
    privacy(report, t, plain, lang),
    renderAnalysis(report.analysis, lang),
    transforms(report, t),
    detection(report, t),
    utility(report, t, plain),
    search(report, t),
    renderSignatureBlock(certificate, lang),
  ];
  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${plain('title')} — ${certificate.dataset?.name ?? report.policy.name}`)}</title><style>${STYLE}
${CERTIFICATE_STYLE}</style></head>
<body>${sections.join('\n')}
<footer>${t('footer')} ${escapeHtml(`${report.format} v${report.version}`)}</footer></body></html>
`;
}

type Label = (name: LabelName) => string;

/** How a measured value must compare with its threshold, as a reader writes it. */
const RULE_SYMBOLS: Readonly<Record<string, string>> = {
  '>=': '≥',
  '<=': '≤',
  '<': '&lt;',
  '>': '&gt;',
};

const pick = (pair: readonly [string, string], lang: ReportLanguage): string =>
  pickLabel(pair, lang, true);

const pickPlain = (pair: readonly [string, string], lang: ReportLanguage): string =>
  pickLabel(pair, lang, false);

function badge(pass: boolean, t: Label): string {
  return `<span class="badge ${pass ? 'pass' : 'fail'}">${t(pass ? 'pass' : 'fail')}</span>`;
}

function num(value: number | null, digits = 4): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

function pct(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

function row(cells: readonly string[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`;
}

function header(
  report: AnonymizationReport,
  t: Label,
  plain: (n: LabelName) => string,
  lang: ReportLanguage,
): string {
  const reasons = report.verdict.reasons.map(
    (reason) =>
      `<li><code>${escapeHtml(reason.code)}</code> ${escapeHtml(reason.subject)}: ${escapeHtml(reason.detail)}</li>`,
  );
  return `<header><h1>${t('title')}</h1>
<p>${escapeHtml(plain('verdict'))}: ${badge(report.verdict.pass, t)} · ${t('generated')}: <time datetime="${escapeHtml(report.generatedAt)}">${escapeHtml(formatShanghaiTime(report.generatedAtMs, lang))}</time> · ${t('software')}: ${escapeHtml(`${report.software.name} ${report.software.version}`)}</p>
<h2>${t('reasons')}</h2>${reasons.length === 0 ? `<p>${t('noReasons')}</p>` : `<ul>${reasons.join('')}</ul>`}</header>`;
}

function overview(report: AnonymizationReport, t: Label): string {
  const p = report.policy;
  const rows = [
    row([
      t('input'),
      `${t('rows')}: ${report.input.rows} · ${t('columns')}: ${escapeHtml(report.input.columns.join(', '))}<br><code>${report.input.sha256}</code>`,
    ]),
    row([
      t('output'),
      report.output === null
        ? '—'
        : `${t('rows')}: ${report.output.rows} · ${t('columns')}: ${escapeHtml(report.output.columns.join(', '))}<br><code>${report.output.sha256}</code>`,
    ]),
    row([
      t('policy'),
      `${escapeHtml(p.name)} · ${t('version')} ${escapeHtml(p.version)} · ${t('mode')} ${escapeHtml(p.mode)}<br><code>${p.sha256}</code>`,
    ]),
  ];
  if (p.purpose) rows.push(row([t('purpose'), escapeHtml(p.purpose)]));
  if (p.legalBasis) rows.push(row([t('legalBasis'), escapeHtml(p.legalBasis)]));
  return `<section><h2>${t('input')} / ${t('output')} / ${t('policy')}</h2><table>${rows.join('')}</table></section>`;
}

function models(report: AnonymizationReport, t: Label): string {
  const rows = report.models.map((check) =>
    row([
      escapeHtml(check.model),
      escapeHtml(check.attribute ?? '—'),
      `${RULE_SYMBOLS[check.rule]} ${num(check.threshold)}`,
      check.value === null ? t('unsatisfiable') : num(check.value),
      badge(check.pass, t),
    ]),
  );
  return `<section><h2>${t('models')}</h2><table>${row([t('model'), t('attribute'), t('required'), t('measured'), t('result')], true)}${rows.join('')}</table></section>`;
}

function gate(report: AnonymizationReport, t: Label): string {
  const g = report.gate;
  if (g === undefined || g === null) return '';
  const risk = (label: LabelName, r: ReportRiskSummary | null, used: boolean) =>
    r === null
      ? row([t(label), '—', '—', '—', '—', '—', '—', '—'])
      : row([
          `${used ? '<strong>' : ''}${t(label)}${used ? '</strong>' : ''}<br><code>${escapeHtml(r.quasiIdentifiers.join(', ') || '—')}</code>`,
          String(r.classes),
          String(r.k),
          pct(r.prosecutor.average),
          pct(r.prosecutor.recordsAtRisk),
          pct(r.sampleUniques),
          num(r.R),
          escapeHtml(r.level),
        ]);
  const columns = g.columns.map((c) =>
    row([
      escapeHtml(c.name),
      String(c.distinct),
      pct(c.uniqueShare),
      c.constant ? `<strong>${t('constant')}</strong>` : '',
    ]),
  );
  const identifiers = g.identifierTransforms.map((i) =>
    row([
      escapeHtml(i.column),
      escapeHtml(i.steps.join(' + ')),
      escapeHtml(i.identifierKind ?? '—'),
      num(i.candidates),
      `≥ ${i.required}`,
      badge(i.candidates >= i.required, t),
    ]),
  );
  const scrubs = g.textScrubs.map((s) =>
    row([
      escapeHtml(s.column),
      escapeHtml(
        Object.entries(s.spansByKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ') || '—',
      ),
      String(s.cellsWithSpans),
      String(s.cellsDropped),
      pct(s.textKept),
    ]),
  );
  return `<section><h2>${t('gate')}</h2>
<h3>${t('riskFigures')}</h3><table>${row([t('quasiSet'), t('classes'), 'k', t('averageRisk'), t('atRisk'), t('sampleUniques'), 'R', t('level')], true)}
${risk('declaredSet', g.declaredRisk, false)}${risk('measuredSet', g.measuredRisk, true)}</table>
<h3>${t('releasedColumns')}</h3><table>${row([t('columns'), t('distinct'), t('uniqueShare'), ''], true)}${columns.join('')}</table>
${identifiers.length === 0 ? '' : `<h3>${t('identifierTransforms')}</h3><table>${row([t('columns'), t('steps'), t('identifierKind'), t('candidates'), t('required'), t('result')], true)}${identifiers.join('')}</table>`}
${scrubs.length === 0 ? '' : `<h3>${t('textScrubs')}</h3><table>${row([t('columns'), t('spans'), t('cellsWithSpans'), t('cellsDropped'), t('textKept')], true)}${scrubs.join('')}</table>`}
<p>${t('rowOrder')}: ${t(g.rowOrder === 'secure-random' ? 'rowOrderSecure' : 'rowOrderSeeded')}</p></section>`;
}

/** Buckets class sizes so the histogram stays readable for any table. */
export function bucketClassSizes(bins: readonly ClassSizeBin[]): ChartBar[] {
  const edges: [string, number, number][] = [
    ['1', 1, 1],
    ['2', 2, 2],
    ['3', 3, 3],
    ['4', 4, 4],
    ['5–9', 5, 9],
    ['10–19', 10, 19],
    ['20–49', 20, 49],
    ['50–99', 50, 99],
    ['100–999', 100, 999],
    ['≥1000', 1000, Infinity],
  ];
  const total = bins.reduce((sum, bin) => sum + bin.records, 0);
  return edges.map(([label, from, to]) => {
    const inside = bins.filter((bin) => bin.size >= from && bin.size <= to);
    const records = inside.reduce((sum, bin) => sum + bin.records, 0);
    const classes = inside.reduce((sum, bin) => sum + bin.classes, 0);
    return {
      label,
      value: total === 0 ? 0 : records / total,
      note: `${total === 0 ? '0.00%' : pct(records / total)} (${classes})`,
    };
  });
}

function privacy(
  report: AnonymizationReport,
  t: Label,
  plain: (n: LabelName) => string,
  lang: ReportLanguage,
): string {
  const m = report.privacy;
  if (m === null)
    return `<section><h2>${t('equivalenceClasses')}</h2><p>${t('notMeasured')}</p></section>`;
  const k = m.k;
  const classChart = renderBarChart(bucketClassSizes(m.classSizeHistogram), {
    title: plain('classSizeChart'),
    highlight: (_bar, index) => index < 4 && index + 1 < Math.max(2, k),
  });
  const riskChart = renderBarChart(
    m.riskDistribution.map((bin) => ({
      label: `(${pct(bin.from)}, ${pct(bin.to)}]`,
      value: bin.share,
      note: pct(bin.share),
    })),
    {
      title: plain('riskChart'),
      highlight: (bar, index) =>
        m.riskDistribution[index].from >= m.risk.threshold && bar.value > 0,
    },
  );
  const sensitive = m.sensitive.map((s) =>
    row([
      escapeHtml(s.name),
      String(s.lDistinct),
      num(s.lEntropy),
      s.recursive.cThreshold === null
        ? `${t('unsatisfiable')} (l = ${s.recursive.l})`
        : `${num(s.recursive.cThreshold)} (l = ${s.recursive.l})`,
      `${num(s.t)} (${escapeHtml(s.tDistance)})`,
      num(s.deltaDisclosure),
    ]),
  );
  const riskRow = (name: LabelName, f: RiskFigures) =>
    row([t(name), pct(f.highest), pct(f.lowest), pct(f.average), pct(f.recordsAtRisk)]);
  const g = m.gbt42460;
  const pu = m.populationUniqueness;
  return `<section><h2>${t('equivalenceClasses')}</h2><table>
${row([t('quasiIdentifiers'), escapeHtml(m.quasiIdentifiers.join(', '))])}
${row([t('rows'), String(m.records)])}${row([t('classes'), String(m.classes)])}
${row([t('smallestClass'), String(m.k)])}${row([t('largestClass'), String(m.largestClass)])}
${row([t('suppressed'), `${m.suppressed} (${pct(m.suppressedShare)})`])}</table>
<div class="charts"><div class="chart"><h3>${t('classSizeChart')}</h3>${classChart}</div>
<div class="chart"><h3>${t('riskChart')}</h3>${riskChart}</div></div>
<h2>${t('sensitive')}</h2>${m.sensitive.length === 0 ? `<p>—</p>` : `<table>${row([t('attribute'), t('distinctL'), t('entropyL'), t('recursiveC'), t('tCloseness'), t('delta')], true)}${sensitive.join('')}</table>`}
<h2>${t('risk')}</h2><p>${t('threshold')}: ${pct(m.risk.threshold)}</p><table>
${row([t('attacker'), t('highest'), t('lowest'), t('average'), t('atRisk')], true)}
${riskRow('prosecutor', m.risk.prosecutor)}${riskRow('journalist', m.risk.journalist)}
${row([t('marketer'), pct(m.risk.marketer), '', '', ''])}${row([t('sampleUniques'), pct(m.risk.sampleUniques), '', '', ''])}
${pu === null ? '' : row([t('populationUniques'), `${pct(pu.populationUniqueness)} (π = ${pu.samplingFraction})`, '', '', ''])}</table>
<h2>${t('gbt')}</h2><table>
${row([t('context'), pick(CONTEXT_NAMES[g.context] ?? [g.context, g.context], lang)])}
${row(['R<sub>a</sub> (θ &gt; τ)', pct(g.Ra)])}${row(['R<sub>b</sub> (max θ)', num(g.Rb)])}${row(['R<sub>c</sub> (mean θ)', num(g.Rc)])}
${row(['pr(context)', num(g.pr)])}${row(['R', `${num(g.R)} (${t('threshold')} ${num(g.riskThreshold)})`])}
${row([t('level'), pick(LEVEL_NAMES[g.level] ?? [g.level, g.level], lang)])}${row([t('result'), badge(g.pass, t)])}</table></section>`;
}

function transforms(report: AnonymizationReport, t: Label): string {
  const rows = report.transforms.map((transform) =>
    row([
      escapeHtml(transform.column),
      escapeHtml(transform.role),
      transform.steps
        .map(
          (step) =>
            `<code>${escapeHtml(step.kind)} ${escapeHtml(JSON.stringify(step.params))}</code>`,
        )
        .join('<br>') || '—',
      escapeHtml(transform.outputs.join(', ') || '—'),
    ]),
  );
  const redacted =
    report.redactedParameters.length === 0
      ? ''
      : `<p>${t('redacted')}: ${escapeHtml(report.redactedParameters.map((r) => `${r.column}.${r.step}.${r.parameter}`).join(', '))}</p>`;
  return `<section><h2>${t('transforms')}</h2><table>${row([t('columns'), t('role'), t('steps'), t('outputs')], true)}${rows.join('')}</table>${redacted}</section>`;
}

function detection(report: AnonymizationReport, t: Label): string {
  const table = (d: ReportDetection | null): string => {
    if (d === null || d.columns.length === 0) return '<p>—</p>';
    const rows = d.columns.map((c) =>
      row([
        escapeHtml(c.name),
        escapeHtml(c.findings.map((f) => `${f.kind} ${pct(f.match_rate)}`).join(', ') || '—'),
        c.direct_identifier ? `<strong>${t('yes')}</strong>` : t('no'),
      ]),
    );
    return `<table>${row([t('columns'), t('findings'), t('directIdentifier')], true)}${rows.join('')}</table>`;
  };
  return `<section><h2>${t('detection')}</h2><h3>${t('before')}</h3>${table(report.detection.before)}<h3>${t('after')}</h3>${table(report.detection.after)}</section>`;
}

function columnCharts(column: ColumnUtility, t: Label, plain: (n: LabelName) => string): string {
  const bars = (d: ColumnUtility['before']): ChartBar[] => [
    ...d.bars.map((bar) => ({
      label: bar.value === '' ? '(empty)' : bar.value,
      value: bar.count,
      note: pct(d.total === 0 ? 0 : bar.count / d.total),
    })),
    ...(d.otherCount > 0
      ? [{ label: plain('other'), value: d.otherCount, note: pct(d.otherCount / d.total) }]
      : []),
  ];
  return `<h3>${escapeHtml(column.name)} — ${t('marginal')}: ${num(column.marginalDistance)} · ${t('nue')}: ${num(column.nonUniformEntropyBits, 1)}</h3>
<div class="charts"><div class="chart">${t('before')}${renderBarChart(bars(column.before), { title: `${column.name} ${plain('before')}`, width: 460 })}</div>
<div class="chart">${t('after')}${renderBarChart(bars(column.after), { title: `${column.name} ${plain('after')}`, width: 460, color: '#6a8f3b' })}</div></div>`;
}

function utility(report: AnonymizationReport, t: Label, plain: (n: LabelName) => string): string {
  const u = report.utility;
  if (u === null) return `<section><h2>${t('utility')}</h2><p>${t('notMeasured')}</p></section>`;
  const h = u.hierarchy;
  const rows = [
    h === null ? '' : row([t('loss'), num(h.loss)]),
    h === null ? '' : row([t('precision'), num(h.precision)]),
    ...(h?.attributes ?? []).map((a) =>
      row([
        `&nbsp;&nbsp;${escapeHtml(a.name)}`,
        `Loss ${num(a.loss)} · ${t('precision')} ${num(a.precision)} · ${t('generalizationLevel')} ${a.level ?? t('localRecoding')}`,
      ]),
    ),
    row([t('discernibility'), num(u.discernibility)]),
    row([t('aecs'), num(u.averageClassSize)]),
  ];
  // Numeric columns are measured and charted on their scale in the analysis section: category
  // bars of a rounded number only say every label is new.
  const numeric = new Set(
    (report.analysis?.columns ?? []).filter((c) => c.kind === 'numeric').map((c) => c.name),
  );
  const charted = u.columns.filter((c) => !numeric.has(c.name));
  return `<section><h2>${t('utility')}</h2><table>${rows.join('')}</table>${charted.map((c) => columnCharts(c, t, plain)).join('\n')}</section>`;
}

function search(report: AnonymizationReport, t: Label): string {
  if (report.search === null) return '';
  return `<section><h2>${t('search')}</h2><pre><code>${escapeHtml(JSON.stringify(report.search, null, 2))}</code></pre></section>`;
}
