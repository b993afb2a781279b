import { expect } from 'chai';
import { scrubColumn, scrubValue } from '../../../src/core/deid/index.js';
import { computeResidentIdCheck } from '../../../src/core/detect/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

const ID = `11010519491231002${computeResidentIdCheck('11010519491231002')}`;
const SENTENCE = `患者张伟，身份证号${ID}，电话13812345678，血压平稳。`;

describe('core/deid scrub', () => {
  it('replaces each span with its typed placeholder and keeps the rest of the sentence', () => {
    expect(scrubValue(SENTENCE, { cell: 'placeholder' })).to.deep.equal({
      text: '患者〔姓名〕，身份证号〔身份证号〕，电话〔手机号〕，血压平稳。',
      kinds: ['cn_name', 'cn_resident_id', 'cn_mobile'],
    });
  });

  it('replaces the original characters of a disguised span (a zero-width space inside an ID)', () => {
    const disguised = `身份证:${ID.slice(0, 9)}\u200b${ID.slice(9)} 已登记`;
    expect(scrubValue(disguised, { cell: 'placeholder' }).text).to.equal(
      '身份证:〔身份证号〕 已登记',
    );
  });

  it('replaces only the kinds asked for, or empties a cell holding any', () => {
    expect(scrubValue(SENTENCE, { cell: 'placeholder', kinds: ['cn_mobile'] }).text).to.equal(
      `患者张伟，身份证号${ID}，电话〔手机号〕，血压平稳。`,
    );
    expect(scrubValue(SENTENCE, { cell: 'drop' })).to.deep.include({ text: '' });
    expect(scrubValue('血压平稳，华法林 3mg', { cell: 'drop' })).to.deep.equal({
      text: '血压平稳，华法林 3mg',
      kinds: [],
    });
  });

  it('counts spans, cells and the text kept, weighted by rows', () => {
    const plain = '复诊，血压平稳。';
    const column = encodeColumn('note', [SENTENCE, SENTENCE, plain, '', plain, plain]);
    const { column: scrubbed, counts } = scrubColumn(column, { cell: 'placeholder' });
    expect(counts.spansByKind).to.deep.equal({ cn_name: 2, cn_resident_id: 2, cn_mobile: 2 });
    expect(counts.cellsWithSpans).to.equal(2);
    expect(counts.cellsDropped).to.equal(0);
    // Naive oracle: characters outside the spans over all characters.
    const spans = '张伟'.length + ID.length + '13812345678'.length;
    const total = 2 * SENTENCE.length + 3 * plain.length;
    expect(counts.textKept).to.be.closeTo((total - 2 * spans) / total, 1e-12);
    expect(scrubbed.dictionary[scrubbed.codes[2]]).to.equal(plain);
    const dropped = scrubColumn(column, { cell: 'drop' }).counts;
    expect(dropped.cellsDropped).to.equal(2);
    expect(dropped.textKept).to.be.closeTo((3 * plain.length) / total, 1e-12);
  });
});
