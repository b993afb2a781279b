// TableByteReader against readTable of the whole input (the oracle): same table or same error,
// whatever the chunks the bytes arrive in.
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { createRng } from '../../../src/core/rng.js';
import { TableByteReader } from '../../../src/core/table/table-byte-reader.js';
import {
  readTable,
  TableError,
  toColumnTable,
  writeTable,
  type ReadTableOptions,
} from '../../../src/core/table/index.js';

type Outcome =
  | { ok: true; format: string; encoding: string; names: string[]; rows: unknown[] }
  | { ok: false; code: string; details: Record<string, unknown> };

function outcome(read: () => ReturnType<typeof readTable>): Outcome {
  try {
    const { table, format, encoding } = read();
    return { ok: true, format, encoding, names: table.columnNames(), rows: table.objects() };
  } catch (error) {
    expect(error).to.be.instanceOf(TableError);
    return {
      ok: false,
      code: (error as TableError).code,
      details: { ...(error as TableError).details },
    };
  }
}

/** Reads `bytes` in `sizes`-long chunks, starting again with the encoding the reader asks for. */
function readChunked(bytes: Uint8Array, sizes: readonly number[], options: ReadTableOptions = {}) {
  let encoding = options.encoding;
  for (let attempt = 0; attempt < 2; attempt++) {
    const reader = new TableByteReader({ ...options, encoding, expectedBytes: bytes.length });
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = sizes[i % sizes.length];
      // Copies: a stream's chunks are separate buffers, and the reader must not rely on more.
      reader.write(bytes.slice(at, at + size));
      at += size;
      if (reader.restartWith !== undefined) break;
    }
    const loaded = reader.end();
    if (loaded !== undefined) return loaded;
    encoding = reader.restartWith;
  }
  throw new Error('restarted twice');
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('core/table TableByteReader', () => {
  const rng = createRng(11);
  const csv = [
    '编号,姓名,备注',
    ...Array.from({ length: 3000 }, (_, i) => `${i},张${i % 97},"多行\n备注${i % 5}"`),
  ].join('\r\n');
  const inputs: { desc: string; bytes: Uint8Array; options?: ReadTableOptions }[] = [
    { desc: 'UTF-8 CSV with quoted line breaks', bytes: utf8(csv) },
    { desc: 'UTF-8 CSV with a BOM', bytes: utf8(`\uFEFF${csv}`) },
    {
      desc: 'GB18030 CSV (auto: read as UTF-8 until a byte proves otherwise)',
      bytes: new Uint8Array(iconv.encode(csv, 'gb18030')),
    },
    {
      desc: 'GB18030 CSV whose first non-ASCII byte comes late',
      bytes: new Uint8Array(iconv.encode(`a,b\n${'1,2\n'.repeat(5000)}张,三\n`, 'gb18030')),
    },
    {
      desc: 'UTF-16LE CSV with a BOM',
      bytes: new Uint8Array(iconv.encode(`\uFEFF${csv}`, 'utf-16le')),
    },
    {
      desc: 'forced GB18030',
      bytes: new Uint8Array(iconv.encode(csv, 'gb18030')),
      options: { encoding: 'gb18030' },
    },
    { desc: 'semicolon CSV after blank lines', bytes: utf8(`\n\n  \na;b\n1;2\n`) },
    {
      desc: 'JSON Lines',
      bytes: utf8(
        Array.from({ length: 2000 }, (_, i) =>
          JSON.stringify({ id: i, 名称: `第${i % 9}号`, n: i % 3 ? null : i }),
        ).join('\n'),
      ),
    },
    {
      desc: 'Arrow IPC',
      bytes: writeTable(
        toColumnTable(
          ['a', 'b'],
          [
            Array.from({ length: 500 }, (_, i) => i),
            Array.from({ length: 500 }, (_, i) => `v${i % 7}`),
          ],
        ),
        'arrow',
      ),
    },
    { desc: 'a ragged row', bytes: utf8('a,b\n1,2\n3\n') },
    { desc: 'whitespace only', bytes: utf8('  \n\n ') },
    {
      desc: 'forced UTF-8 on GB18030 bytes',
      bytes: new Uint8Array(iconv.encode('a,b\n张,三\n', 'gb18030')),
      options: { encoding: 'utf-8' },
    },
    { desc: 'neither UTF-8 nor GB18030', bytes: new Uint8Array([0x61, 0x0a, 0x81, 0x0a, 0x62]) },
  ];

  for (const { desc, bytes, options } of inputs) {
    it(`${desc}: same as readTable of the whole, whatever the chunks`, () => {
      const whole = outcome(() => readTable(bytes, options));
      for (const sizes of [
        [bytes.length],
        [1],
        [7, 1, 3],
        [65_536],
        [1 + rng.nextInt(5000), 1 + rng.nextInt(100)],
      ]) {
        expect(
          outcome(() => readChunked(bytes, sizes, options)),
          `chunks of ${sizes.join(',')}`,
        ).to.deep.equal(whole);
      }
    });
  }

  it('asks to start again as GB18030 only when a byte is not UTF-8, and ignores input after that', () => {
    const reader = new TableByteReader({});
    reader.write(utf8('a,b\n1,2\n'));
    expect(reader.restartWith).to.equal(undefined);
    reader.write(new Uint8Array(iconv.encode('张,三\n', 'gb18030')));
    reader.write(utf8('more,text\n'));
    expect(reader.restartWith).to.equal('gb18030');
    expect(reader.end()).to.equal(undefined);
  });

  it('refuses an empty input', () => {
    expect(outcome(() => readChunked(new Uint8Array(0), [1]))).to.deep.include({
      ok: false,
      code: 'table_empty_input',
    });
  });
});
