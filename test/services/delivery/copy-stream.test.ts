// Downloads streamed block by block: every format reads back as the release minus the withheld rows, in v1 keyed order.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from 'arquero';
import { rowContents, scoreSortKeys } from '../../../src/core/fingerprint/index.js';
import { leakedCopySortKeys } from '../../../src/services/delivery/leaked-copy-order.js';
import { createRng } from '../../../src/core/rng.js';
import { readTable, toCsvCell, writeTable } from '../../../src/core/table/index.js';
import { AnalyticsEngine } from '../../../src/services/delivery/analytics-engine.js';
import { COPY_FORMATS, streamCopy } from '../../../src/services/delivery/copy-stream.js';
import { keyedRowOrder } from '../../../src/services/delivery/keyed-row-order.js';
import {
  describeServingCopy,
  pathLiteral,
} from '../../../src/services/delivery/served-artifact.js';
import { writeServingCopy } from '../../../src/services/delivery/serving-copy.js';
import { sql } from '../../../src/core/query/index.js';

const ROWS = 300;
const BLOCK_ROWS = 64;
const WITHHELD = [0, 5, 63, 64, 200, 299];

describe('services/delivery streamCopy', () => {
  const engine = new AnalyticsEngine({ threads: 2, memoryMb: 256, cacheMb: 64, directory: '' });
  let directory: string;
  const rng = createRng(11);
  const release = table({
    zone: Array.from({ length: ROWS }, (_, i) => ['和平区', '=cmd', 'a,"b"', 'Binhai'][i % 4]),
    visits: Array.from({ length: ROWS }, () => String(rng.nextInt(9))),
    cost: Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? '' : `${rng.nextInt(90)}.50`)),
    seen: Array.from({ length: ROWS }, (_, i) => `2024-0${1 + (i % 9)}-1${i % 10}`),
  });
  const key = Buffer.alloc(32, 0xa5);
  let spec: Parameters<typeof streamCopy>[1];
  let columnsOfCopy: Parameters<typeof leakedCopySortKeys>[2];

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'anonex-copy-'));
    const csv = join(directory, 'release.csv');
    const serving = join(directory, 'release.parquet');
    await writeFile(csv, writeTable(release, 'csv', { formulaGuard: false }));
    await writeServingCopy(engine, csv, 'csv', serving);
    const { ordinal, columns, rowCount } = await describeServingCopy(engine, serving);
    expect(columns.map((column) => column.engineType)).to.deep.equal([
      'VARCHAR',
      'BIGINT',
      'DECIMAL(18,2)',
      'DATE',
    ]);
    columnsOfCopy = columns;
    spec = {
      artifact: { path: serving, ordinal },
      columns,
      withheld: WITHHELD,
      orderKey: keyedRowOrder(key, columns),
      artifactRows: rowCount,
      scratchPath: join(directory, 'scratch.parquet'),
      blockRows: BLOCK_ROWS,
    };
  });
  after(async () => {
    await engine.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** The rows the copy must hold: the release's, less the withheld, as canonical contents. */
  const wantContents = () => {
    const contents = rowContents(release);
    return contents.filter((_, row) => !WITHHELD.includes(row)).sort();
  };
  /** Kept rows per block: the copy is ordered by the trade's key within each. */
  const blockSizes = () => {
    const sizes: number[] = [];
    for (let start = 0; start < ROWS; start += BLOCK_ROWS) {
      let kept = 0;
      for (let row = start; row < Math.min(ROWS, start + BLOCK_ROWS); row++)
        if (!WITHHELD.includes(row)) kept++;
      sizes.push(kept);
    }
    return sizes;
  };

  for (const format of COPY_FORMATS) {
    it(`streams ${format}: the release minus the withheld rows, each block in the trade's order`, async () => {
      const parts: Buffer[] = [];
      for await (const chunk of streamCopy(engine, spec, format)) parts.push(Buffer.from(chunk));
      const bytes = Buffer.concat(parts);
      let copy;
      if (format === 'parquet') {
        const path = join(directory, 'copy.parquet');
        await writeFile(path, bytes);
        const rows = await engine.all(
          sql`SELECT CAST(zone AS VARCHAR), CAST(visits AS VARCHAR), CAST(cost AS VARCHAR), CAST(seen AS VARCHAR) FROM read_parquet(${pathLiteral(path)})`,
        );
        copy = table({
          zone: rows.map((row) => row[0]),
          visits: rows.map((row) => row[1]),
          cost: rows.map((row) => row[2] ?? ''),
          seen: rows.map((row) => row[3]),
        });
      } else {
        copy = readTable(bytes, { format }).table;
      }
      expect(copy.numRows()).to.equal(ROWS - WITHHELD.length);
      const text = (value: unknown) =>
        value === null || value === undefined
          ? ''
          : typeof value === 'number' && String(value).includes('.')
            ? value.toFixed(2)
            : String(value);
      const got = rowContents(
        table(
          new Map(
            copy.columnNames().map((name) => [
              name,
              Array.from(copy.array(name) as ArrayLike<unknown>, (value) =>
                // CSV guards formula-like text with a leading quote; typed formats carry numbers.
                format === 'csv' && value === "'=cmd" ? '=cmd' : text(value),
              ),
            ]),
          ),
        ),
      );
      expect([...got].sort()).to.deep.equal(wantContents());
      // The order: ascending keys of this trade within every block (what attribution reads back).
      const others = Array.from({ length: 8 }, (_, i) => Buffer.alloc(32, i + 1));
      const [own, ...other] = await leakedCopySortKeys(
        engine,
        copy,
        columnsOfCopy,
        [key, ...others],
        join(directory, `leak-${format}.csv`),
      );
      let offset = 0;
      for (const size of blockSizes()) {
        const block = own.slice(offset, offset + size);
        expect(block).to.deep.equal([...block].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        offset += size;
      }
      // Another trade's keys order the copy like a coin: no trade's order resembles another's.
      const scores = other.map((keys) => scoreSortKeys(keys).score);
      expect(Math.max(...scores)).to.be.below(0.7);
      expect(scores.reduce((a, b) => a + b, 0) / scores.length).to.be.within(0.4, 0.6);
    });
  }
});

describe('services/delivery streamCopy CSV cells', () => {
  // Text a spreadsheet would read as a formula, text that needs quoting, numbers that look like
  // formulas but are not, and plain text: each cell must be what core/table's writer makes of it.
  const TRICKY = [
    '=1+1',
    '+cmd',
    '-x',
    '@SUM(A1)',
    '\tlead',
    '\rlead',
    '-12.5',
    '+1e5',
    '-.5',
    'a,b',
    'say "hi"',
    'two\nlines',
    "'quoted",
    '和平区',
    '',
  ];
  const engine = new AnalyticsEngine({ threads: 2, memoryMb: 256, cacheMb: 64, directory: '' });
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'anonex-copy-cells-'));
  });
  after(async () => {
    await engine.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Streams a CSV copy of `columns` (id first) and checks every record against the oracle. */
  async function expectOracleCells(text: readonly string[], plain: readonly string[]) {
    const ids = text.map((_, i) => String(i));
    const jsonl = ids
      .map((id, i) => JSON.stringify({ id: Number(id), text: text[i], plain: plain[i] }))
      .join('\n');
    const source = join(directory, `release-${text.length}.jsonl`);
    const serving = join(directory, `release-${text.length}.parquet`);
    await writeFile(source, jsonl);
    await writeServingCopy(engine, source, 'jsonl', serving);
    const { ordinal, columns, rowCount } = await describeServingCopy(engine, serving);
    const plainness = Object.fromEntries(columns.map((column) => [column.name, column.csvPlain]));
    const parts: Buffer[] = [];
    for await (const chunk of streamCopy(
      engine,
      {
        artifact: { path: serving, ordinal },
        columns,
        withheld: undefined,
        orderKey: keyedRowOrder(Buffer.alloc(32, 7), columns),
        artifactRows: rowCount,
        scratchPath: join(directory, 'scratch.parquet'),
      },
      'csv',
    ))
      parts.push(Buffer.from(chunk));
    const body = Buffer.concat(parts).toString('utf8');
    expect(body.startsWith('id,text,plain\n')).to.equal(true);
    const seen = new Set<number>();
    let at = 'id,text,plain\n'.length;
    while (at < body.length) {
      const comma = body.indexOf(',', at);
      const id = Number(body.slice(at, comma));
      const record = `${id},${toCsvCell(text[id], ',', true)},${toCsvCell(plain[id], ',', true)}\n`;
      expect(body.slice(at, at + record.length)).to.equal(record);
      seen.add(id);
      at += record.length;
    }
    expect(seen.size).to.equal(text.length);
    return plainness;
  }

  it('writes every cell as core/table does, guarded and quoted only where needed', async () => {
    const text = Array.from({ length: 200 }, (_, i) => TRICKY[i % TRICKY.length]);
    const plain = Array.from({ length: 200 }, (_, i) => `门诊${i % 9}`);
    const plainness = await expectOracleCells(text, plain);
    // The scan of the serving copy found the column that needs no care, and the one that does.
    expect(plainness).to.deep.equal({ id: true, text: false, plain: true });
  });

  it('finds care needed from a single cell in a large column', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => (i === 2999 ? '=HYPERLINK()' : `v${i}`));
    const plainness = await expectOracleCells(text, text);
    expect(plainness.text).to.equal(false);
  });
});
