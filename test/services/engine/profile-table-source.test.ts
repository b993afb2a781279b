// The streamed upload profile against the in-memory one (profileTable) and a naive distinct count,
// on seeded random tables with near-unique columns (issue 15).
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { createDetectors, StreamedDetection } from '../../../src/core/detect/index.js';
import { CsvParser } from '../../../src/core/table/csv-parser.js';
import { readTable, toCsvCell } from '../../../src/core/table/index.js';
import { createRng, type Rng } from '../../../src/core/rng.js';
import { profileTable } from '../../../src/services/engine/profile-table.js';
import { profileTableSource } from '../../../src/services/engine/profile-table-source.js';
import type { DataFormat } from '../../../src/services/datasets/catalog-metadata.js';

const NOW_MS = Date.UTC(2026, 0, 15);
const SURNAMES = ['王', '李', '张', '刘', '陈', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '强', '磊'];

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * A table of `rows` rows: near-unique codes and phones (the phones with `noise` of other
 * values, so a sample of them is conclusive or not), names with repeats, free text with quotes,
 * commas and line breaks, a mostly empty column, a code and an amount.
 */
function randomTable(rng: Rng, rows: number, noise: number): Table {
  const header = ['visit_no', 'mobile', 'patient_name', 'notes', 'referral', 'dept', 'cost'];
  const body = Array.from({ length: rows }, (_, row) => {
    const phone = `1${3 + rng.nextInt(6)}${String(rng.nextInt(1e9)).padStart(9, '0')}`;
    return [
      // Near-unique, with an occasional repeat of the row before.
      rng.nextInt(50) === 0 && row > 0 ? `MZ${row - 1}` : `MZ${row}`,
      rng.next() < noise ? `ext-${rng.nextInt(1e6)}` : phone,
      SURNAMES[rng.nextInt(SURNAMES.length)] + GIVEN[rng.nextInt(GIVEN.length)],
      rng.nextInt(7) === 0
        ? `复诊, 电话 ${phone}\n"加急"`
        : rng.nextInt(3) === 0
          ? ''
          : `note ${rng.nextInt(200)}`,
      rng.nextInt(10) === 0 ? ` R${rng.nextInt(30)} ` : '',
      ['内科', '外科', '儿科'][rng.nextInt(3)],
      (rng.nextInt(100_000) / 100).toFixed(2),
    ];
  });
  return { header, rows: body };
}

function toCsv(table: Table, lineEnd = '\n'): string {
  return [table.header, ...table.rows]
    .map((row) => row.map((cell) => toCsvCell(cell, ',', false)).join(','))
    .join(lineEnd);
}

function naiveDistinct(table: Table): number[] {
  return table.header.map((_, column) => new Set(table.rows.map((row) => row[column])).size);
}

async function streamed(content: Buffer, format: DataFormat = 'csv') {
  return profileTableSource({ content, format }, undefined, NOW_MS);
}

describe('services/engine profileTableSource (the streamed upload profile)', function () {
  this.timeout(120_000);

  const cases = [
    { desc: 'a few rows', seed: 1, rows: 40, noise: 0 },
    { desc: 'no sample (at most twice its size)', seed: 2, rows: 3_000, noise: 0.02 },
    { desc: 'sampled, conclusive', seed: 3, rows: 12_000, noise: 0.01 },
    { desc: 'sampled, inconclusive', seed: 4, rows: 12_000, noise: 0.2 },
    {
      desc: 'beyond the dictionary (65,536), one column rescanned after an inconclusive sample',
      seed: 5,
      rows: 70_000,
      noise: 0.2,
    },
    { desc: 'beyond the dictionary, conclusive', seed: 6, rows: 70_000, noise: 0.01 },
  ];
  for (const { desc, seed, rows, noise } of cases)
    it(`${desc}: the in-memory profile's figures, and the exact distinct counts`, async () => {
      const table = randomTable(createRng(seed), rows, noise);
      const content = Buffer.from(toCsv(table, seed % 2 === 0 ? '\r\n' : '\n'));
      const got = await streamed(content);
      expect(got).to.deep.equal(profileTable(readTable(content, { format: 'csv' }), NOW_MS));
      expect(got.columns.map((column) => column.distinct)).to.deep.equal(naiveDistinct(table));
    });

  it('a row count given on the way in that is wrong costs a pass, not a figure', async () => {
    const table = randomTable(createRng(8), 9_000, 0.05);
    const content = Buffer.from(toCsv(table));
    const want = profileTable(readTable(content, { format: 'csv' }), NOW_MS);
    for (const csvRows of [9_000, 8_999, 20_000, 0])
      expect(
        await profileTableSource({ content, format: 'csv', csvRows }, undefined, NOW_MS),
      ).to.deep.equal(want);
  });

  it('GB18030 read as UTF-8 first: restarted, same profile', async () => {
    const table = randomTable(createRng(7), 5_000, 0.05);
    const content = iconv.encode(toCsv(table), 'gb18030');
    const got = await streamed(content);
    expect(got.encoding).to.equal('gb18030');
    expect(got).to.deep.equal(profileTable(readTable(content, { format: 'csv' }), NOW_MS));
  });

  it('JSON Lines and a header without rows', async () => {
    const jsonl = Buffer.from('{"a":"1","b":"x"}\n{"a":"2","b":""}\n');
    expect(await streamed(jsonl, 'jsonl')).to.deep.equal(
      profileTable(readTable(jsonl, { format: 'jsonl' }), NOW_MS),
    );
    const empty = Buffer.from('a,b\n');
    expect(await streamed(empty)).to.deep.equal(
      profileTable(readTable(empty, { format: 'csv' }), NOW_MS),
    );
  });

  it("leaves undecided the near-unique columns whose sample was inconclusive (they're rescanned)", () => {
    const table = randomTable(createRng(5), 70_000, 0.2);
    const detection = new StreamedDetection(table.header, createDetectors({ todayYmd: 20260115 }), {
      rows: table.rows.length,
    });
    const parser = new CsvParser(',', 0, undefined, () => detection);
    parser.write(toCsv(table));
    const read = parser.endCells();
    const undecided = detection
      .detections(read.rows)
      .flatMap((column, index) => (column === undefined ? [table.header[index]] : []));
    expect(undecided).to.deep.equal(['mobile']);
  });
});
