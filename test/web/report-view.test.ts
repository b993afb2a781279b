// The console's report view shows the gate's figures: both risk figures, unique shares and the
// near-unique refusals, candidate originals and the recoverable-transform refusals, scrub counts
// per kind, in Chinese and English.
import { expect } from 'chai';
import { analyzeRelease } from '../../src/core/privacy/index.js';
import { buildAnonymizationReport } from '../../src/core/report/index.js';
import { encodeColumn } from '../../src/core/table/dictionary-column.js';
import { translator, type Language } from '../../src/web/i18n/index.js';
import { toHtmlString } from '../../src/web/html.js';
import { renderReportSummary } from '../../src/web/report-view.js';
import { gateParts, parts } from '../core/report/fixtures.js';

function render(language: Language): string {
  const base = parts({ k: 2 });
  const report = buildAnonymizationReport({ ...base, gate: gateParts(base.privacy!) });
  const view = { language, t: translator(language), path: '/console/jobs/j', requestId: 'r' };
  return toHtmlString(renderReportSummary(view, report)).replace(/\s+/g, ' ');
}

describe('web/report-view: the Art. 29 gate figures', () => {
  it('shows both risk figures, the refusals by rule, unique shares, candidates and scrubs (English)', () => {
    const page = render('en');
    expect(page).to.include('Two risk figures (the gate uses the second)');
    expect(page).to.include('Declared quasi-identifiers');
    expect(page).to.include('Every released column an attacker could know');
    expect(page).to.include('The Art. 29 gate');
    expect(page).to.match(/Columns refused as near-unique: <strong data-refusals="near_unique_column">1<\/strong>/);
    expect(page).to.match(/Columns refused for a recoverable transform: <strong data-refusals="recoverable_transform">1<\/strong>/);
    expect(page).to.match(/<code>note<\/code><\/th> <td class="number">6<\/td> <td class="number">100(\.0+)?%<\/td> <td> <span class="badge badge-bad">near-unique \(a de facto identifier\)<\/span>/);
    expect(page).to.include('constant (releases nothing)');
    expect(page).to.match(/<code>phone<\/code><\/th> <td> mask <span class="muted">mobile number<\/span> <\/td> <td class="number">3<\/td> <td class="number">≥ 5<\/td> <td> <span class="badge badge-bad">fail<\/span>/);
    expect(page).to.include('Spans replaced, by kind');
    expect(page).to.match(/mobile number 4/);
    expect(page).to.match(/Text kept/);
  });

  it('says the same in Chinese', () => {
    const page = render('zh');
    for (const words of ['两组风险数值（准入检查采用后者）', '声明的准标识符', '攻击者可能知道的全部发布列', '第二十九条准入检查', '因近乎唯一被拒绝的列', '因可还原变换被拒绝的列', '近乎唯一（事实上的标识符）', '候选原值', '按类型替换的片段', '保留文本占比'])
      expect(page, words).to.include(words);
  });
}); // prettier-ignore

describe('web/report-view: the analysis (warnings, risk before and after, numeric change)', () => {
  function renderAnalysis(language: Language): string {
    const cost = encodeColumn('cost_yuan', ['123.4', '87.2', '301.9', '256.0', '44.5', '199.9']);
    const rounded = encodeColumn('cost_yuan', ['120', '90', '300', '260', '40', '200']);
    const district = encodeColumn('district', ['A', 'B', 'C', 'D', 'E', 'F']);
    const analysis = analyzeRelease({
      pairs: [
        { original: cost, released: rounded },
        { original: district, released: encodeColumn('district', Array<string>(6).fill('*')) },
      ],
      quasiIdentifiers: [{ original: district, released: encodeColumn('d', Array<string>(6).fill('T')) }],
      constantColumns: [],
      tCloseness: [{ name: 'diagnosis', t: 0.75 }],
      riskThreshold: 0.05,
    });
    const base = parts({ k: 2 });
    const utility = { ...base.utility!, columns: [{ ...base.utility!.columns[0], name: 'cost_yuan' }] };
    const report = buildAnonymizationReport({ ...base, utility, analysis });
    const view = { language, t: translator(language), path: '/console/jobs/j', requestId: 'r' };
    return toHtmlString(renderReportSummary(view, report)).replace(/\s+/g, ' ');
  }

  it('flags the constant column and the high t, gives k before and after and the numeric distance', () => {
    const en = renderAnalysis('en');
    expect(en).to.match(/<li data-flag="constant_column"> <code>district<\/code>: constant once released: it tells nothing <\/li>/);
    expect(en).to.match(/<li data-flag="high_t_closeness"> <code>diagnosis<\/code>: high t-closeness \(t = 0\.75\)/);
    expect(en).to.match(/<th scope="row">k \(smallest class\)<\/th> <td class="number">1<\/td> <td class="number">6<\/td>/);
    expect(en).to.match(/data-numeric-distance="cost_yuan"> 0\.0\d+ </);
    const zh = renderAnalysis('zh');
    for (const words of ['发布后为常量，不含任何信息', 't-接近度偏高', '处理前', '处理后', '数值变化（推土机距离'])
      expect(zh, words).to.include(words);
  });
}); // prettier-ignore
