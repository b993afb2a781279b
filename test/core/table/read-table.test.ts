import { expect } from 'chai';
import iconv from 'iconv-lite';
import {
  readTable,
  writeTable,
  sniffDelimiter,
  detectEncoding,
  decodeText,
  toTextEncodingName,
  TableError,
  toColumnTable,
} from '../../../src/core/table/index.js';
import { describeBinaryInput } from '../../../src/core/table/binary-input.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function rows(bytes: Uint8Array, options = {}): Record<string, unknown>[] {
  return readTable(bytes, options).table.objects() as Record<string, unknown>[];
}

function codeOf(fn: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(TableError);
    const e = error as TableError;
    return { code: e.code, details: { ...e.details } };
  }
  throw new Error('expected a TableError');
}

describe('core/table readTable', () => {
  const csvCases: { desc: string; input: string; want: Record<string, unknown>[] }[] = [
    { desc: 'plain comma', input: 'a,b\n1,2\n', want: [{ a: '1', b: '2' }] },
    {
      desc: 'CRLF and no final newline',
      input: 'a,b\r\n1,2\r\n3,4',
      want: [
        { a: '1', b: '2' },
        { a: '3', b: '4' },
      ],
    },
    {
      desc: 'quoted delimiter, doubled quote, newline in quotes',
      input: 'a,b\n"x,""y""","l1\nl2"\n',
      want: [{ a: 'x,"y"', b: 'l1\nl2' }],
    },
    {
      desc: 'empty fields stay empty strings',
      input: 'a,b,c\n,,\n',
      want: [{ a: '', b: '', c: '' }],
    },
    { desc: 'semicolon sniffed', input: 'a;b\n1,5;2\n', want: [{ a: '1,5', b: '2' }] },
    { desc: 'tab sniffed', input: 'a\tb\n1\t2\n', want: [{ a: '1', b: '2' }] },
    { desc: 'pipe sniffed', input: 'a|b|c\n1|2|3\n', want: [{ a: '1', b: '2', c: '3' }] },
    { desc: 'trailing blank lines ignored', input: 'a,b\n1,2\n\n\n', want: [{ a: '1', b: '2' }] },
    {
      desc: 'Chinese header and values',
      input: '姓名,手机\n张三,13812345678\n',
      want: [{ 姓名: '张三', 手机: '13812345678' }],
    },
  ];
  for (const { desc, input, want } of csvCases)
    it(`CSV: ${desc}`, () => {
      expect(rows(utf8(input))).to.deep.equal(want);
    });

  it('sniffs the delimiter from consistent field counts, quotes respected', () => {
    expect(sniffDelimiter('a;b;c\n"x,y";2;3\n')).to.equal(';');
    expect(sniffDelimiter('a,b\n1,2\n')).to.equal(',');
    expect(sniffDelimiter('single\nvalue\n')).to.equal(',');
  });

  const errors: {
    desc: string;
    input: string;
    want: { code: string } & Record<string, unknown>;
  }[] = [
    {
      desc: 'ragged short row',
      input: 'a,b\n1,2\n3\n',
      want: { code: 'table_ragged_row', row: 3, line: 3, got: 1, want: 2 },
    },
    {
      desc: 'ragged long row',
      input: 'a,b\n1,2,3\n',
      want: { code: 'table_ragged_row', row: 2, got: 3 },
    },
    {
      desc: 'unterminated quote at its line',
      input: 'a,b\n1,2\n"3,4\n5,6\n',
      want: { code: 'table_malformed_csv', row: 3, line: 3, column: 1 },
    },
    {
      desc: 'quote inside unquoted field',
      input: 'a,b\n1,x"y\n',
      want: { code: 'table_malformed_csv', row: 2, column: 2 },
    },
    {
      desc: 'text after closing quote',
      input: 'a,b\n1,"x"y\n',
      want: { code: 'table_malformed_csv', row: 2, column: 2 },
    },
    {
      desc: 'duplicate header',
      input: 'a,a\n1,2\n',
      want: { code: 'table_malformed_csv', row: 1, column: 2 },
    },
    {
      desc: 'empty header name',
      input: 'a,,c\n1,2,3\n',
      want: { code: 'table_malformed_csv', row: 1, column: 2 },
    },
    { desc: 'whitespace only', input: ' \n\n', want: { code: 'table_empty_input' } },
    {
      desc: 'multi-line quoted field moves the line count',
      input: 'a,b\n"x\ny",2\n3\n',
      want: { code: 'table_ragged_row', row: 3, line: 4 },
    },
  ];
  for (const { desc, input, want } of errors)
    it(`CSV error: ${desc}`, () => {
      const { code, ...details } = want;
      const got = codeOf(() => readTable(utf8(input)));
      expect(got.code).to.equal(code);
      expect(got.details).to.include(details);
    });

  it('refuses a NUL character anywhere in a text table, also past the binary-file sniff', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `${i},name ${i}`).join('\n');
    for (const format of ['csv', 'jsonl'] as const) {
      const text =
        format === 'csv'
          ? `id,name\n${body}\n1,a\u0000b\n`
          : `${JSON.stringify({ id: 1, name: 'x'.repeat(9000) })}\n{"id":2,"name":"a\u0000b"}\n`;
      expect(codeOf(() => readTable(utf8(text), { format })).code, format).to.equal(
        'table_nul_character',
      );
    }
  });

  it('refuses empty bytes', () => {
    expect(codeOf(() => readTable(new Uint8Array())).code).to.equal('table_empty_input');
  });

  describe('encodings', () => {
    const text = '姓名,地址\n张三,天津市河西区友谊路20号\n';
    it('detects GB18030 when the bytes are not UTF-8', () => {
      const loaded = readTable(new Uint8Array(iconv.encode(text, 'gb18030')));
      expect(loaded.encoding).to.equal('gb18030');
      expect(loaded.table.objects()).to.deep.equal([
        { 姓名: '张三', 地址: '天津市河西区友谊路20号' },
      ]);
    });
    it('strips a UTF-8 BOM', () => {
      const loaded = readTable(utf8(`\ufeff${text}`));
      expect(loaded.encoding).to.equal('utf-8');
      expect(loaded.table.columnNames()).to.deep.equal(['姓名', '地址']);
    });
    it('detection order: BOM, strict UTF-8, GB18030', () => {
      expect(detectEncoding(utf8('\ufeffabc'))).to.deep.equal({ encoding: 'utf-8', bomBytes: 3 });
      expect(detectEncoding(utf8('张三'))).to.deep.equal({ encoding: 'utf-8', bomBytes: 0 });
      expect(detectEncoding(new Uint8Array(iconv.encode('张三', 'gbk')))).to.deep.equal({
        encoding: 'gb18030',
        bomBytes: 0,
      });
    });
    it('an override wins over detection', () => {
      // UTF-8 bytes of 张三 forced through GB18030 decode to other characters, not an error.
      expect(decodeText(utf8('张三'), 'gb18030').text).to.not.equal('张三');
      expect(decodeText(new Uint8Array(iconv.encode('张三', 'gbk')), 'gbk').text).to.equal('张三');
    });
    it('forced UTF-8 on GB18030 bytes fails with the offset', () => {
      const got = codeOf(() =>
        decodeText(new Uint8Array(iconv.encode('ab张三', 'gb18030')), 'utf-8'),
      );
      expect(got.code).to.equal('table_undecodable');
      expect(got.details.offset).to.equal(3); // 0xD5 opens a UTF-8 pair, 0xC5 at 3 breaks it
    });
    it('unknown encoding labels are refused', () => {
      expect(codeOf(() => toTextEncodingName('latin-9')).code).to.equal('table_unknown_encoding');
      expect(toTextEncodingName('UTF8')).to.equal('utf-8');
    });
  });

  describe('binary files', () => {
    const cases = [
      {
        desc: 'an .xlsx workbook (ZIP)',
        bytes: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08],
        want: /ZIP archive.*\.xlsx/,
      },
      {
        desc: 'an .xls workbook (OLE2)',
        bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
        want: /OLE2 document/,
      },
      {
        desc: 'a Parquet file',
        bytes: [...utf8('PAR1'), 0x15, 0x04, 0x15, 0x80, 0x01],
        want: /Parquet/,
      },
      {
        desc: 'bytes with a NUL',
        bytes: [...utf8('a,b\n1,'), 0x00, 0x9f, 0x92, 0x96, 0x0a],
        want: /^a binary file$/,
      },
    ];
    for (const { desc, bytes, want } of cases) {
      it(`names ${desc} as binary, not as an encoding error`, () => {
        for (const encoding of ['auto', 'gb18030'] as const) {
          const got = codeOf(() => readTable(new Uint8Array(bytes), { encoding }));
          expect(got.code).to.equal('table_unknown_format');
          expect(got.details.format).to.equal('binary');
          expect(describeBinaryInput(new Uint8Array(bytes))).to.match(want);
        }
      });
    }
    it('leaves UTF-16 text, whose ASCII carries NUL bytes, to the decoder', () => {
      const text = new Uint8Array([0xff, 0xfe, ...Buffer.from('a,b\n1,2\n', 'utf16le')]);
      expect(readTable(text).table.columnNames()).to.deep.equal(['a', 'b']);
      expect(describeBinaryInput(utf8('姓名,地址\n张三,河西区\n'))).to.equal(undefined);
    });
  });

  describe('JSON Lines', () => {
    it('reads objects, union of keys, nested values as JSON text', () => {
      const loaded = readTable(utf8('{"a":1,"b":"x"}\n\n{"b":"y","c":{"d":[1]}}\n'));
      expect(loaded.format).to.equal('jsonl');
      expect(loaded.table.objects()).to.deep.equal([
        { a: 1, b: 'x', c: null },
        { a: null, b: 'y', c: '{"d":[1]}' },
      ]);
    });
    it('names the bad line', () => {
      expect(codeOf(() => readTable(utf8('{"a":1}\n{"a":\n'))).details.line).to.equal(2);
      expect(codeOf(() => readTable(utf8('{"a":1}\n[1]\n'), { format: 'jsonl' })).code).to.equal(
        'table_malformed_jsonl',
      );
    });
  });

  describe('Arrow IPC', () => {
    it('round-trips through file and stream formats', () => {
      const table = toColumnTable(
        ['name', 'n'],
        [
          ['张三', '李四'],
          [1, 2],
        ],
      );
      for (const arrowFormat of ['file', 'stream'] as const) {
        const bytes = writeTable(table, 'arrow', { arrowFormat });
        const loaded = readTable(bytes);
        expect(loaded.format).to.equal('arrow');
        expect(loaded.table.objects()).to.deep.equal([
          { name: '张三', n: 1 },
          { name: '李四', n: 2 },
        ]);
      }
    });
    it('refuses garbage that claims to be Arrow', () => {
      expect(codeOf(() => readTable(utf8('ARROW1 nonsense'))).code).to.equal(
        'table_malformed_arrow',
      );
    });
  });
});
