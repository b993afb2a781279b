// Reading with an EncodePlan against encoding readTable's whole table (the oracle): the same
// dictionaries, codes, samples and empty counts, or the same error, whatever the chunks.
import { expect } from 'chai';
import iconv from 'iconv-lite';
import {
  EncodedReadPasses,
  encodeTable,
  readEncodedTable,
  readTable,
  samplePositions,
  TableError,
  type EncodedLoadedTable,
  type EncodePlan,
  type ReadTableOptions,
} from '../../../src/core/table/index.js';

type Outcome =
  | { ok: true; format: string; encoding: string; table: unknown }
  | { ok: false; code: string; details: Record<string, unknown> };

function plain(loaded: Pick<EncodedLoadedTable, 'table' | 'format' | 'encoding'>): Outcome {
  const { table } = loaded;
  return {
    ok: true,
    format: loaded.format,
    encoding: loaded.encoding,
    table: {
      names: table.names,
      rows: table.rows,
      encoded: [...table.encoded].map(([name, c]) => [name, c.name, c.dictionary, [...c.codes]]),
      sampled: [...table.sampled],
    },
  };
}

function outcome(read: () => Pick<EncodedLoadedTable, 'table' | 'format' | 'encoding'>): Outcome {
  try {
    return plain(read());
  } catch (error) {
    expect(error).to.be.instanceOf(TableError);
    const { code, details } = error as TableError;
    return { ok: false, code, details: { ...details } };
  }
}

/** The oracle: the whole table read as strings, then encoded and sampled. */
function oracle(bytes: Uint8Array, plan: EncodePlan, options?: ReadTableOptions): Outcome {
  return outcome(() => {
    const loaded = readTable(bytes, options);
    return { ...loaded, table: encodeTable(loaded.table, plan) };
  });
}

/** Reads `bytes` in `sizes`-long chunks (copies, as a stream's), pass after pass. */
function readChunked(
  bytes: Uint8Array,
  sizes: readonly number[],
  plan: EncodePlan,
  options: ReadTableOptions = {},
): EncodedLoadedTable {
  const passes = new EncodedReadPasses(plan, { ...options, expectedBytes: bytes.length });
  let count = 0;
  for (let reader = passes.next(); reader !== undefined; reader = passes.next()) {
    expect(++count, 'passes').to.be.at.most(3);
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = sizes[i % sizes.length];
      reader.write(bytes.slice(at, at + size));
      at += size;
      if (reader.restartWith !== undefined) break;
    }
    passes.finish(reader);
  }
  return passes.result();
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Column `a` sampled, `c` skipped, every other one encoded. */
const planOf = (sampleSize: number): EncodePlan => ({
  modeOf: (name) => (name === 'a' ? 'sample' : name === 'c' ? 'skip' : 'encode'),
  sampleSize,
  samples: true,
});

describe('core/table readEncodedTable and EncodedReadPasses', () => {
  const csv = [
    'a,b,c,d',
    ...Array.from(
      { length: 3000 },
      (_, i) =>
        `${i % 11 === 0 ? '' : `id${i}`},张${i % 97},"多行\n${i}",${i % 7 ? `"q""${i % 5}"` : '""'}`,
    ),
  ].join('\r\n');
  const inputs: {
    desc: string;
    bytes: Uint8Array;
    options?: ReadTableOptions;
    /** Large: one sample size and two chunkings only. */
    large?: true;
  }[] = [
    { desc: 'UTF-8 CSV with quotes, quoted line breaks and empty cells', bytes: utf8(csv) },
    { desc: 'UTF-8 CSV with a BOM', bytes: utf8(`\uFEFF${csv}`) },
    { desc: 'GB18030 CSV (auto restarts)', bytes: new Uint8Array(iconv.encode(csv, 'gb18030')) },
    {
      desc: 'GB18030 CSV whose first non-ASCII byte comes late',
      bytes: new Uint8Array(iconv.encode(`a,b\n${'1,2\n'.repeat(5000)}张,三\n`, 'gb18030')),
    },
    {
      desc: 'a near-unique encoded column past the interner copy limit, its values repeated after',
      bytes: utf8(
        `b,a\n${Array.from({ length: 100_000 }, (_, i) => `v${i % 68_000},${i % 3}`).join('\n')}\n`,
      ),
      large: true,
    },
    {
      desc: 'JSON Lines',
      bytes: utf8(
        Array.from({ length: 500 }, (_, i) =>
          JSON.stringify({ a: i % 4 ? `x${i}` : null, b: i % 3, c: 'z' }),
        ).join('\n'),
      ),
    },
    { desc: 'a ragged row', bytes: utf8('a,b\n1,2\n3\n') },
    { desc: 'whitespace only', bytes: utf8('  \n\n ') },
  ];

  for (const { desc, bytes, options, large } of inputs)
    it(`${desc}: same as encoding readTable's table, whatever the chunks`, () => {
      for (const sampleSize of large ? [5] : [5, 2000, 1_000_000]) {
        const plan = planOf(sampleSize);
        const want = oracle(bytes, plan, options);
        expect(outcome(() => readEncodedTable(bytes, plan, options))).to.deep.equal(want);
        for (const sizes of large ? [[1 << 20], [4093]] : [[1 << 20], [7, 1, 3], [4093]])
          expect(
            outcome(() => readChunked(bytes, sizes, plan, options)),
            `sample ${sampleSize}, chunks of ${sizes.join(',')}`,
          ).to.deep.equal(want);
      }
    });

  it('samples the rows at golden-ratio positions and counts every empty cell', () => {
    const rows = Array.from({ length: 50 }, (_, i) => (i % 4 === 0 ? '' : `r${i}`));
    const { table } = readEncodedTable(utf8(`a\n${rows.join('\n')}\n`), planOf(6));
    const positions = [...samplePositions(50, 6)];
    expect(positions).to.deep.equal(
      [0, 1, 2, 3, 4, 5].map((i) => Math.floor(((i * 0.6180339887498949) % 1) * 50)),
    );
    expect(table.sampled.get('a')).to.deep.equal({
      nulls: 13,
      sample: positions.map((row) => rows[row]),
    });
    expect(table.encoded.size).to.equal(0);
  });

  it('skips the row-count pass when the plan samples nothing', () => {
    const plan: EncodePlan = { modeOf: () => 'encode', sampleSize: 0, samples: false };
    const passes = new EncodedReadPasses(plan);
    const reader = passes.next()!;
    reader.write(utf8('b\nx\ny\nx\n'));
    passes.finish(reader);
    expect(passes.next()).to.equal(undefined);
    expect([...passes.result().table.encoded.get('b')!.codes]).to.deep.equal([0, 1, 0]);
  });
});
