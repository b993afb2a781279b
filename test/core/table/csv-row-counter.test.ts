import { expect } from 'chai';
import iconv from 'iconv-lite';
import { CsvRowCounter, readTable } from '../../../src/core/table/index.js';

/** The counter's rows for `bytes` fed in pieces of `pieceBytes`. */
function counted(bytes: Uint8Array, pieceBytes: number): number | undefined {
  const counter = new CsvRowCounter();
  for (let offset = 0; offset < bytes.length; offset += pieceBytes)
    counter.write(bytes.subarray(offset, offset + pieceBytes));
  return counter.dataRows;
}

describe('core/table CsvRowCounter', () => {
  const cases: { desc: string; text: string }[] = [
    { desc: 'LF, no final newline', text: 'a,b\n1,2\n3,4' },
    { desc: 'LF, final newline', text: 'a,b\n1,2\n3,4\n' },
    { desc: 'CRLF with trailing blank lines', text: 'a,b\r\n1,2\r\n3,4\r\n\r\n\r\n' },
    { desc: 'lone CR ends', text: 'a\r1\r2\r' },
    { desc: 'a blank line inside (one column: an empty record)', text: 'a\n1\n\n2\n' },
    { desc: 'header only', text: 'a,b\n' },
    {
      desc: 'quoted line breaks, CRs and escaped quotes',
      text: 'a,b\n"x\r\ny",1\n"say ""hi""\n",2\n',
    },
    { desc: 'a quoted field ending the input', text: 'a\n"1\n2"' },
    { desc: 'Chinese text', text: '姓名,电话\n王伟,13812345678\n"李,娜",\n' },
  ];
  for (const { desc, text } of cases)
    for (const encoding of ['utf-8', 'gb18030'] as const)
      it(`${desc} (${encoding}): the rows CsvParser reads, whatever the pieces`, () => {
        const bytes = new Uint8Array(iconv.encode(text, encoding));
        const want = readTable(bytes, { format: 'csv', encoding }).table.numRows();
        for (const pieceBytes of [1, 2, 3, 7, bytes.length])
          expect(counted(bytes, pieceBytes)).to.equal(want);
      });

  it('does not count UTF-16 (its bytes may be quotes and line ends)', () => {
    const bytes = new Uint8Array(iconv.encode('\ufeffa\n1\n', 'utf-16le'));
    expect(counted(bytes, 4)).to.equal(undefined);
  });
});
