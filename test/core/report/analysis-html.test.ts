// The analysis section of the HTML report, in Chinese and in English: warnings, risk before and
// after side by side, distinction and separation, statistics, numeric columns on their scale.
import { expect } from 'chai';
import { analyzeRelease } from '../../../src/core/privacy/index.js';
import { buildAnonymizationReport, renderReportHtml } from '../../../src/core/report/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import { parts } from './fixtures.js';

const cost = ['123.4', '87.2', '301.9', '256.0', '44.5', '199.9'];
const analysis = analyzeRelease({
  pairs: [
    {
      original: encodeColumn('cost_yuan', cost),
      released: encodeColumn('cost_yuan', ['120', '90', '300', '260', '40', '200']),
    },
    {
      original: encodeColumn('district', [
        '和平区',
        '河西区',
        '南开区',
        '河东区',
        '河北区',
        '红桥区',
      ]),
      released: encodeColumn('district', Array<string>(6).fill('天津市')),
    },
  ],
  quasiIdentifiers: [
    {
      original: encodeColumn('age', ['31', '35', '38', '42', '47', '44']),
      released: encodeColumn('age', ['30-39', '30-39', '30-39', '40-49', '40-49', '40-49']),
    },
  ],
  constantColumns: [],
  tCloseness: [{ name: 'diagnosis', t: 0.62 }],
  riskThreshold: 0.05,
});
const report = buildAnonymizationReport(parts({ k: 2 }, { analysis }));

const text = (page: string, selector: string) =>
  (new RegExp(`<table data-analysis="${selector}">(.*?)</table>`, 's').exec(page)?.[1] ?? '')
    .replace(/<\/t[dh]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

describe('core/report analysis section', () => {
  it('warns of a column that became constant and of a high t, in Chinese', () => {
    const page = renderReportHtml(report, { lang: 'zh' });
    expect(page).to.match(/<li data-flag="constant_column"><code>district<\/code>: 发布后为常量/);
    expect(page).to.match(
      /<li data-flag="high_t_closeness"><code>diagnosis<\/code> \(t = 0\.6200\): t-接近度偏高/,
    );
  });

  it('puts risk before and after side by side, and distinction and separation, in English', () => {
    const page = renderReportHtml(report, { lang: 'en' });
    expect(text(page, 'risk')).to.include('Classes | 6 | 2 |');
    expect(text(page, 'risk')).to.include('k | 1 | 3 |');
    expect(text(page, 'risk')).to.include('Highest risk (prosecutor) | 100.00% | 33.33% |');
    expect(text(page, 'quasi-identifiers')).to.include('age | 1 | 1 | 0.3333 | 0.6000 |');
  });

  it('gives numeric statistics and distances, and categorical entropy; no category bars for a number', () => {
    const page = renderReportHtml(report, { lang: 'bilingual' });
    expect(text(page, 'numeric')).to.match(/cost_yuan · 处理前 Before \| 6 \| 168\.82 \|/);
    expect(text(page, 'categorical')).to.include('district | 6 | 1 | 2.5850 | 0 |');
    expect(page).to.include('data-histogram="cost_yuan"');
    expect(page).to.include('推土机距离');
  });

  it('a version 2 report (no analysis) renders without the section', () => {
    const { analysis: _dropped, ...older } = report;
    void _dropped;
    expect(renderReportHtml({ ...older, version: 2 })).not.to.include('class="analysis"');
  });
});
