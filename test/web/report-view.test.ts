// The console's report view shows the gate's figures: both risk figures, unique shares and the
// near-unique refusals, candidate originals and the recoverable-transform refusals, scrub counts
// per kind, in Chinese and English.
import { expect } from 'chai';
import { buildAnonymizationReport } from '../../src/core/report/index.js';
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
    expect(page).to.match(/<code>phone<\/code><\/th> <td> mask <span class="muted">cn_mobile<\/span> <\/td> <td class="number">3<\/td> <td class="number">≥ 5<\/td> <td> <span class="badge badge-bad">fail<\/span>/);
    expect(page).to.include('Spans replaced, by kind');
    expect(page).to.match(/<code>cn_mobile<\/code> 4/);
    expect(page).to.match(/Text kept/);
  });

  it('says the same in Chinese', () => {
    const page = render('zh');
    for (const words of ['两组风险数值（准入检查采用后者）', '声明的准标识符', '攻击者可能知道的全部发布列', '第二十九条准入检查', '因近乎唯一被拒绝的列', '因可还原变换被拒绝的列', '近乎唯一（事实上的标识符）', '候选原值', '按类型替换的片段', '保留文本占比'])
      expect(page, words).to.include(words);
  });
}); // prettier-ignore
