// The analysis section of the HTML report: warnings first, risk before and after side by side,
// quasi-identifier distinction and separation, and each attribute's statistics before and after.
import type { ColumnAnalysis, ReleaseAnalysis, RiskSnapshot } from '../privacy/index.js';
import { QUANTILE_LEVELS } from '../privacy/index.js';
import { escapeHtml } from '../escape-html.js';
import type { ReportLanguage } from './report-labels.js';
import { pickLabel } from './report-labels.js';
import type { ChartBar } from './svg-chart.js';
import { renderBarChart } from './svg-chart.js';

export const ANALYSIS_LABELS = {
  analysis: ['处理前后分析', 'Analysis before and after'],
  warnings: ['提示', 'Warnings'],
  noWarnings: ['无', 'None'],
  constantColumn: [
    '发布后为常量（每行同一个值，不含任何信息），建议删除该列或降低泛化层级',
    'constant once released (one value for every row, it tells nothing): drop it or generalize less',
  ],
  highT: [
    't-接近度偏高：某些等价类内该敏感属性的分布与全表相差一半以上',
    'high t-closeness: in some class this sensitive attribute is distributed unlike the whole table by half or more',
  ],
  riskBeforeAfter: ['重识别风险：处理前与处理后', 'Re-identification risk, before and after'],
  figure: ['指标', 'Figure'],
  before: ['处理前', 'Before'],
  after: ['处理后', 'After'],
  records: ['记录数', 'Records'],
  classes: ['等价类数', 'Classes'],
  highest: ['最高风险（检察官）', 'Highest risk (prosecutor)'],
  average: ['平均风险（检察官）', 'Average risk (prosecutor)'],
  atRisk: ['高风险记录占比', 'Records at risk'],
  sampleUniques: ['样本唯一记录占比', 'Sample uniques'],
  quasi: ['准标识符的区分度与分离度', 'Quasi-identifiers: distinction and separation'],
  quasiNote: [
    '区分度 = 不同取值数 / 记录数；分离度 = 取值不同的记录对占比',
    'distinction = distinct values / records; separation = share of record pairs that differ',
  ],
  attribute: ['属性', 'Attribute'],
  distinction: ['区分度', 'Distinction'],
  separation: ['分离度', 'Separation'],
  allTogether: ['全部准标识符组合', 'All together'],
  statistics: ['属性统计：处理前与处理后', 'Attribute statistics, before and after'],
  numeric: ['数值列', 'Numeric columns'],
  categorical: ['分类列', 'Categorical columns'],
  count: ['有值记录', 'Rows with a value'],
  mean: ['均值', 'Mean'],
  deviation: ['标准差', 'Deviation'],
  emd: ['推土机距离 EMD（按 5–95% 区间归一）', "Earth mover's distance (over the 5–95 % range)"],
  meanChange: ['平均绝对变化（按 5–95% 区间归一）', 'Mean absolute change (over the 5–95 % range)'],
  distinct: ['不同值', 'Distinct values'],
  entropy: ['熵（比特）', 'Entropy (bits)'],
  histogram: ['分布（处理前 / 处理后）', 'Distribution (before / after)'],
} as const satisfies Record<string, readonly [string, string]>;

type AnalysisLabel = keyof typeof ANALYSIS_LABELS;

const figure = (value: number | null, digits = 4): string => {
  if (value === null || Number.isNaN(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
};
const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;
const cells = (values: readonly string[], tag = 'td'): string =>
  `<tr>${values.map((v) => `<${tag}>${v}</${tag}>`).join('')}</tr>`;

/** The section, or '' when the report has no analysis (version 1 and 2 documents). */
export function renderAnalysis(
  analysis: ReleaseAnalysis | null | undefined,
  lang: ReportLanguage,
): string {
  if (analysis === null || analysis === undefined) return '';
  const t = (name: AnalysisLabel) => pickLabel(ANALYSIS_LABELS[name], lang, true);
  const flags = analysis.flags.map(
    (flag) =>
      `<li data-flag="${flag.kind}"><code>${escapeHtml(flag.column)}</code>${flag.value === undefined ? '' : ` (t = ${figure(flag.value)})`}: ${t(flag.kind === 'constant_column' ? 'constantColumn' : 'highT')}</li>`,
  );
  return `<section class="analysis" aria-labelledby="analysis-title"><h2 id="analysis-title">${t('analysis')}</h2>
<h3>${t('warnings')}</h3>${flags.length === 0 ? `<p>${t('noWarnings')}</p>` : `<ul class="flags">${flags.join('')}</ul>`}
${riskTable(analysis, t)}${quasiTable(analysis, t)}${statistics(analysis.columns, t, lang)}</section>`;
}

function riskTable(analysis: ReleaseAnalysis, t: (name: AnalysisLabel) => string): string {
  const { before, after } = analysis.risk;
  const line = (label: AnalysisLabel, of: (r: RiskSnapshot) => string) =>
    cells([t(label), before === null ? '—' : of(before), of(after)]);
  return `<h3>${t('riskBeforeAfter')}</h3><p><code>${escapeHtml(analysis.risk.quasiIdentifiers.join(', '))}</code></p>
<table data-analysis="risk">${cells([t('figure'), t('before'), t('after')], 'th')}
${line('records', (r) => String(r.records))}${line('classes', (r) => String(r.classes))}
${cells(['k', before === null ? '—' : String(before.k), String(after.k)])}
${line('highest', (r) => percent(r.prosecutor.highest))}${line('average', (r) => percent(r.prosecutor.average))}
${line('atRisk', (r) => percent(r.prosecutor.recordsAtRisk))}${line('sampleUniques', (r) => percent(r.sampleUniques))}</table>`;
}

function quasiTable(analysis: ReleaseAnalysis, t: (name: AnalysisLabel) => string): string {
  const pair = (v: { distinction: number; separation: number } | null) =>
    v === null ? ['—', '—'] : [figure(v.distinction), figure(v.separation)];
  const rows = analysis.quasiIdentifiers.attributes.map((a) =>
    cells([`<code>${escapeHtml(a.name)}</code>`, ...pair(a.before), ...pair(a.after)]),
  );
  const set = analysis.quasiIdentifiers.set;
  return `<h3>${t('quasi')}</h3><p>${t('quasiNote')}</p><table data-analysis="quasi-identifiers">
${cells([t('attribute'), `${t('distinction')} · ${t('before')}`, `${t('separation')} · ${t('before')}`, `${t('distinction')} · ${t('after')}`, `${t('separation')} · ${t('after')}`], 'th')}
${rows.join('')}${cells([`<strong>${t('allTogether')}</strong>`, ...pair(set.before), ...pair(set.after)])}</table>`;
}

function statistics(
  columns: readonly ColumnAnalysis[],
  t: (name: AnalysisLabel) => string,
  lang: ReportLanguage,
): string {
  const numeric = columns.flatMap((c) => (c.kind === 'numeric' ? [c] : []));
  const categorical = columns.flatMap((c) => (c.kind === 'categorical' ? [c] : []));
  const quantileHeads = QUANTILE_LEVELS.map((q) => `P${Math.round(q * 100)}`);
  const numericRows = numeric.flatMap((c) => [
    cells([
      `<code>${escapeHtml(c.name)}</code> · ${t('before')}`,
      String(c.before.count),
      figure(c.before.mean, 2),
      figure(c.before.deviation, 2),
      ...c.before.quantiles.map((q) => figure(q, 2)),
      figure(c.emd),
      figure(c.meanAbsoluteChange),
    ]),
    cells([
      `<code>${escapeHtml(c.name)}</code> · ${t('after')}`,
      String(c.after.count),
      figure(c.after.mean, 2),
      figure(c.after.deviation, 2),
      ...c.after.quantiles.map((q) => figure(q, 2)),
      '',
      '',
    ]),
  ]);
  const categoricalRows = categorical.map((c) =>
    cells([
      `<code>${escapeHtml(c.name)}</code>`,
      String(c.before.distinct),
      String(c.after.distinct),
      figure(c.before.entropyBits),
      figure(c.after.entropyBits),
    ]),
  );
  const charts = numeric.map((c) => numericChart(c, lang)).join('');
  return `<h3>${t('statistics')}</h3>
${numeric.length === 0 ? '' : `<h4>${t('numeric')}</h4><table data-analysis="numeric">${cells([t('attribute'), t('count'), t('mean'), t('deviation'), ...quantileHeads, t('emd'), t('meanChange')], 'th')}${numericRows.join('')}</table>`}
${categorical.length === 0 ? '' : `<h4>${t('categorical')}</h4><table data-analysis="categorical">${cells([t('attribute'), `${t('distinct')} · ${t('before')}`, `${t('distinct')} · ${t('after')}`, `${t('entropy')} · ${t('before')}`, `${t('entropy')} · ${t('after')}`], 'th')}${categoricalRows.join('')}</table>`}
${charts === '' ? '' : `<h4>${t('histogram')}</h4><div class="charts">${charts}</div>`}`;
}

/** One numeric column's shared-bin histogram, before and after, as two bars per bin. */
function numericChart(column: ColumnAnalysis & { kind: 'numeric' }, lang: ReportLanguage): string {
  const { edges, before, after } = column.histogram;
  const total = (counts: readonly number[]) => counts.reduce((s, c) => s + c, 0) || 1;
  const label = (i: number) => {
    const from = figure(edges[i], 1);
    const to = figure(edges[i + 1], 1);
    if (edges.length === 2) return `${from}–${to}`;
    if (i === 0) return `< ${to}`;
    if (i === edges.length - 2) return `≥ ${from}`;
    return `${from}–${to}`;
  };
  const bars = (counts: readonly number[]): ChartBar[] =>
    counts.map((count, i) => ({
      label: label(i),
      value: count / total(counts),
      note: percent(count / total(counts)),
    }));
  const plain = (name: AnalysisLabel) => pickLabel(ANALYSIS_LABELS[name], lang, false);
  return `<div class="chart" data-histogram="${escapeHtml(column.name)}"><code>${escapeHtml(column.name)}</code>
${renderBarChart(bars(before), { title: `${column.name} ${plain('before')}`, width: 460 })}
${renderBarChart(bars(after), { title: `${column.name} ${plain('after')}`, width: 460, color: '#6a8f3b' })}</div>`;
}
