import { expect } from 'chai';
import { CellScan } from '../../../../src/core/detect/spans/cell-scan.js';
import {
  findIdentifierSpans,
  findIdentifierSpansExhaustively,
} from '../../../../src/core/detect/spans/find-spans.js';
import { spanCorpus } from './span-corpus.js';

function positions(list: { at: Int32Array; count: number }): number[] {
  return Array.from(list.at.subarray(0, list.count));
}

describe('core/detect CellScan (the pre-pass every span finder reads)', () => {
  it('lists where each finder may start, leaving out runs its finder would read for nothing', () => {
    const text = 'QQ:123 E12345678 3c:22 wxid_ab SKU-88231 Mr 张 x9.5E+3 MTEwMTA1MTk0 津A1';
    const scan = new CellScan().scan(text, false);
    const at = (list: { at: Int32Array; count: number }) =>
      positions(list).map((p) => text.slice(p, p + 3));
    expect(at(scan.digitRuns)).to.deep.equal([
      '123',
      '123',
      '3c:',
      '22 ',
      '882',
      '9.5',
      '5E+',
      '3 M',
      '1MT',
      '0 津',
      '1',
    ]);
    // Colons, a 9-character token (a passport's length), a MAC's start, wxid before _, a plate's
    // province before a letter; not QQ, 123 (after a colon), ab, SKU, 88231 (5 characters).
    expect(at(scan.tokenStarts)).to.deep.equal([':12', 'E12', '3c:', ':22', 'wxi', '津A1']);
    // Letter runs as long as a label's letters (QQ, wxid, MRN's three): not Mr, MTEwMTA.
    expect(at(scan.labelStarts)).to.deep.equal(['QQ:', 'wxi', 'MTk']);
    // Capitals and the first letters of English cues (c, a, m…) whose run ends in a space, `-`,
    // `.` or a colon: not wxid, x, nor E, MTEwMTA, MTk (a digit or `+` after them).
    expect(at(scan.nameStarts)).to.deep.equal(['QQ:', 'c:2', 'ab ', 'SKU', 'Mr ']);
    // A fraction before E+ (scientific notation) and a 12-character run; not the short ones.
    expect(at(scan.base64Runs)).to.deep.equal(['5E+', 'MTE']);
    expect(scan.foldable).to.equal(false);
    expect(new CellScan().scan('电话１３８', false).foldable).to.equal(true);
  });

  it('keeps a short token only where a MAC or IPv6 address may start (its separator after it)', () => {
    const cases: { desc: string; text: string; want: string[] }[] = [
      { desc: 'a colon right after', text: '地址fe80::1', want: ['fe80', ':', ':'] },
      { desc: 'a dash at the third character', text: '设备00-1A-2B', want: ['00', '1A'] },
      { desc: 'a dot at the fifth character', text: '设备0011.2233.4455', want: ['0011', '2233'] },
      { desc: 'a colon within five characters', text: '号1a :b', want: ['1a', ':'] },
      { desc: 'a dash elsewhere', text: '号123-45', want: [] },
      { desc: 'no hex digit first', text: '号zz:1', want: [':'] },
      { desc: 'after a colon', text: '号:12 ', want: [':'] },
    ];
    for (const { desc, text, want } of cases) {
      const scan = new CellScan().scan(text, false);
      const tokens = positions(scan.tokenStarts).map(
        (p) => /^[A-Za-z0-9]+|^:/.exec(text.slice(p))![0],
      );
      expect(tokens, desc).to.deep.equal(want);
    }
  });

  it('flags digit look-alikes only where the numeral finder would read one', () => {
    const lookalikes = (text: string) => new CellScan().scan(text, false).numeralLookalikes;
    expect(lookalikes('工单号WO20240512')).to.equal(false); // O inside a word
    expect(lookalikes('138l2345678')).to.equal(true);
    expect(lookalikes('1O')).to.equal(true);
    expect(lookalikes('电话一三八')).to.equal(true);
    expect(lookalikes('Hello 2024, OIL')).to.equal(false);
  });

  it('puts every position in every list in exhaustive mode', () => {
    const scan = new CellScan().scan('a1 张', true);
    expect(positions(scan.digitRuns)).to.deep.equal([0, 1, 2, 3]);
    expect(positions(scan.nameStarts)).to.deep.equal([0, 1, 2, 3]);
  });

  it('finds exactly what every finder scanning every position finds, on every corpus cell', function () {
    this.timeout(120_000);
    let cells = 0;
    let spans = 0;
    for (const { text, context } of spanCorpus(0.1)) {
      const options = context === '' ? {} : { context };
      const fast = findIdentifierSpans(text, options);
      const full = findIdentifierSpansExhaustively(text, options);
      if (JSON.stringify(fast) !== JSON.stringify(full))
        expect({ text, context, spans: fast }).to.deep.equal({ text, context, spans: full });
      cells++;
      spans += full.length;
    }
    // The corpus holds identifiers to find, not only cells where both find nothing.
    expect(cells).to.be.greaterThan(15_000);
    expect(spans).to.be.greaterThan(cells / 2);
  });
});
