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
  it('marks where digit, letter-or-digit and base64 runs start, and label, cue and plate characters', () => {
    const scan = new CellScan().scan('患者张伟QQ:123，ab+c9/津A', false);
    expect(positions(scan.digitRuns)).to.deep.equal([7, 15]);
    // QQ, the colon, 123, ab, c9, 津 and A.
    expect(positions(scan.tokenStarts)).to.deep.equal([4, 6, 7, 11, 14, 17, 18]);
    expect(positions(scan.labelStarts)).to.deep.equal([0, 4]); // 患(者ID) and QQ
    // 患 (a cue); Q, a, c and A start letter runs; 津 is no cue.
    expect(positions(scan.nameStarts)).to.deep.equal([0, 4, 11, 14, 18]);
    expect(positions(scan.base64Runs)).to.deep.equal([4, 7, 11, 18]);
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
