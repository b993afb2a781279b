import { expect } from 'chai';
import {
  encodeTableChunks,
  writeTable,
  readTable,
  toColumnTable,
  isFormulaLike,
  toHalfWidth,
} from '../../../src/core/table/index.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('core/table writeTable', () => {
  const guardCases: { desc: string; input: string; want: boolean }[] = [
    { desc: 'equals', input: '=SUM(A1:A9)', want: true },
    { desc: 'plus', input: '+cmd', want: true },
    { desc: 'minus text', input: '-2+3+cmd|x', want: true },
    { desc: 'at', input: '@SUM(1)', want: true },
    { desc: 'tab', input: '\t=1', want: true },
    { desc: 'carriage return', input: '\r=1', want: true },
    { desc: 'negative number is data', input: '-12.5', want: false },
    { desc: 'signed exponent number', input: '+1e5', want: false },
    { desc: 'ordinary text', input: 'a=b', want: false },
    { desc: 'empty', input: '', want: false },
  ];
  for (const { desc, input, want } of guardCases)
    it(`formula guard: ${desc}`, () => expect(isFormulaLike(input)).to.equal(want));

  it('prefixes formula cells with a quote and quotes per RFC 4180', () => {
    const table = toColumnTable(
      ['a', 'b'],
      [
        ['=HYPERLINK("x")', 'x,y'],
        ['-3', 'say "hi"'],
      ],
    );
    expect(text(writeTable(table, 'csv'))).to.equal(
      'a,b\n"\'=HYPERLINK(""x"")",-3\n"x,y","say ""hi"""\n',
    );
    expect(text(writeTable(table, 'csv', { formulaGuard: false }))).to.equal(
      'a,b\n"=HYPERLINK(""x"")",-3\n"x,y","say ""hi"""\n',
    );
  });

  it('CSV and JSON Lines round-trip', () => {
    const table = toColumnTable(
      ['姓名', 'note'],
      [
        ['张三', '李四'],
        ['a\nb', ''],
      ],
    );
    expect(readTable(writeTable(table, 'csv')).table.objects()).to.deep.equal(table.objects());
    expect(readTable(writeTable(table, 'jsonl')).table.objects()).to.deep.equal(table.objects());
    expect(writeTable(table, 'csv', { bom: true }).subarray(0, 3)).to.deep.equal(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });

  it('writes a filtered and ordered table as its reified copy, slice by slice', () => {
    const n = Array.from({ length: 300 }, (_, i) => (i * 37) % 300);
    const table = toColumnTable(['n', 's'], [n, n.map((v) => `v${v}`)])
      .filter('d => d.n % 3 != 0')
      .orderby('n');
    for (const format of ['csv', 'jsonl'] as const)
      expect(text(writeTable(table, format, {}))).to.equal(
        text(writeTable(table.reify(), format, {})),
      );
    const sliced = [...encodeTableChunks(table, 'csv', { sliceRows: 7 })].map(text).join('');
    expect(sliced).to.equal(text(writeTable(table.reify(), 'csv')));
    expect(sliced.split('\n')[1]).to.equal('1,v1');
  });

  it('folds full-width characters for validation only', () => {
    expect(toHalfWidth('１１０１０５１９４９１２３１００２Ｘ')).to.equal('11010519491231002X');
    expect(toHalfWidth('张三　１３８')).to.equal('张三 138');
    const same = 'plain';
    expect(toHalfWidth(same)).to.equal(same);
  });
});

describe('core/table writeTable in slices', () => {
  it('writes a table longer than one slice with one header and every row in order', () => {
    const rows = 70_000;
    const table = toColumnTable(
      ['n', 's'],
      [
        Array.from({ length: rows }, (_, i) => i),
        Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? '=x' : 'v')),
      ],
    );
    const lines = text(writeTable(table, 'csv', { bom: true }))
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\n');
    expect(lines.length).to.equal(rows + 1);
    expect(lines[0]).to.equal('n,s');
    expect(lines[65_537]).to.equal('65536,v');
    expect(lines[rows]).to.equal('69999,v');
    expect(lines[71]).to.equal("70,'=x");
    expect(text(writeTable(toColumnTable(['a'], [[]]), 'csv'))).to.equal('a\n');
  });

  it('encodes in row slices whose bytes join to writeTable, with one header and one BOM', () => {
    const rows = 7;
    const table = toColumnTable(
      ['id', '名称'],
      [
        Array.from({ length: rows }, (_, i) => String(i)),
        Array.from({ length: rows }, (_, i) => `=值${i}`),
      ],
    );
    for (const format of ['csv', 'jsonl'] as const) {
      const chunks = [...encodeTableChunks(table, format, { sliceRows: 3, bom: true })];
      const whole = writeTable(table, format, { bom: true });
      expect(Buffer.concat(chunks).equals(Buffer.from(whole)), format).to.equal(true);
      const slices = format === 'csv' ? 4 : 3; // CSV: the BOM, then 3 + 3 + 1 rows
      expect(chunks, format).to.have.length(slices);
    }
    expect(text(writeTable(table, 'csv')).match(/^id,/gm)).to.have.length(1);
    expect([...encodeTableChunks(toColumnTable(['a'], [[]]), 'csv')].map(text)).to.deep.equal([
      'a\n',
    ]);
  });
});
