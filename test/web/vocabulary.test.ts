// The console's words for the domain's vocabulary: every value has both languages, and transform
// parameters and ledger entries read as named fields, not JSON.
import { expect } from 'chai';
import { TRANSFORM_NAMES } from '../../src/core/deid/parse-transform.js';
import { JOB_STATES } from '../../src/domain/index.js';
import { UPDATE_FREQUENCIES } from '../../src/services/datasets/catalog-metadata.js';
import { JOB_PHASES } from '../../src/services/engine/anonymization-engine.js';
import { LEDGER_EVENT_KINDS } from '../../src/services/ledger-outbox.js';
import { toHtmlString } from '../../src/web/html.js';
import { MESSAGES } from '../../src/web/i18n/messages.js';
import { ledgerFields, transformStep, usageLabel } from '../../src/web/vocabulary.js';
import { viewIn } from '../helpers/console-view.js';
import { visibleText } from '../helpers/console-page.js';

describe('web/vocabulary', () => {
  const vocabularies: [string, readonly string[]][] = [
    ['frequency', UPDATE_FREQUENCIES],
    ['jobPhase', JOB_PHASES],
    ['job.state', JOB_STATES],
    ['ledgerKind', LEDGER_EVENT_KINDS],
    ['transform', TRANSFORM_NAMES],
    ['columnRole', ['identifier', 'quasi', 'sensitive', 'insensitive', 'text']],
  ];
  for (const [prefix, values] of vocabularies)
    it(`names every ${prefix} value in Chinese and English`, () => {
      const missing = values.filter((value) => !(`${prefix}.${value}` in MESSAGES));
      expect(missing).to.deep.equal([]);
    });

  it('shows transform parameters as named fields in the page language', () => {
    const step = { kind: 'bands', params: { width: 10, start: 0 } };
    expect(visibleText(toHtmlString(transformStep(viewIn('zh'), step)))).to.equal(
      '分段 宽度 10 · 起点 0',
    );
    expect(visibleText(toHtmlString(transformStep(viewIn('en'), step)))).to.equal(
      'bands width 10 · start 0',
    );
    const scrub = { kind: 'scrub', params: { kinds: ['cn_mobile', 'email'], cell: 'drop' } };
    expect(visibleText(toHtmlString(transformStep(viewIn('zh'), scrub)))).to.equal(
      '自由文本清洗 类型 手机号、电子邮箱 · 单元格处理 清空',
    );
  });

  it('shows a ledger entry as named fields: kinds, purposes and times in words', () => {
    const text = visibleText(
      toHtmlString(
        ledgerFields(viewIn('zh'), {
          kind: 'trade',
          purpose: 'scientific_research',
          recorded_at_ms: Date.UTC(2026, 0, 5, 9, 0),
          price_fen: 4200,
        }),
      ),
    );
    expect(text).to.equal('事件 交易 用途 科学研究 记录时间 2026年1月5日 17:00 价格（分） 4200');
  });

  it('names usage-log entries', () => {
    expect(usageLabel(viewIn('zh'), 'download', 'csv')).to.equal('下载 · CSV');
    expect(usageLabel(viewIn('zh'), 'query', null)).to.equal('查询');
  });
});
