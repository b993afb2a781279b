// The streamed profile of JSON Lines uploads against the in-memory one (profileTable), on seeded
// random inputs: keys first seen late, missing keys, numbers, booleans, null, nested values,
// blank lines, CRLF, near-unique columns past the 65,536-value dictionary (issue 15).
import { Readable } from 'node:stream';
import { expect } from 'chai';
import iconv from 'iconv-lite';
import { readTable, TableError } from '../../../src/core/table/index.js';
import { createRng, type Rng } from '../../../src/core/rng.js';
import { profileTable } from '../../../src/services/engine/profile-table.js';
import { profileTableSource } from '../../../src/services/engine/profile-table-source.js';
import type { BlobStore } from '../../../src/store/blob-store.js';

const NOW_MS = Date.UTC(2026, 0, 15);
const SURNAMES = ['王', '李', '张', '刘', '陈', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '强', '磊'];

/**
 * `rows` records as JSON Lines: a near-unique visit number and phone (with `noise` of other
 * values), names, numbers as JSON numbers, booleans, nulls, nested objects and arrays, keys
 * missing from some lines, one key first seen halfway, keys in varying order, blank lines.
 */
function randomJsonl(rng: Rng, rows: number, noise: number, lineEnd: string): string {
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const record: Record<string, unknown> = {};
    const phone = `1${3 + rng.nextInt(6)}${String(rng.nextInt(1e9)).padStart(9, '0')}`;
    const fields: [string, () => unknown][] = [
      ['visit_no', () => (rng.nextInt(50) === 0 && row > 0 ? `MZ${row - 1}` : `MZ${row}`)],
      ['mobile', () => (rng.next() < noise ? `ext-${rng.nextInt(1e6)}` : phone)],
      ['patient_name', () => SURNAMES[rng.nextInt(SURNAMES.length)] + GIVEN[rng.nextInt(6)]],
      ['age', () => (rng.nextInt(20) === 0 ? null : rng.nextInt(100))],
      ['cost', () => rng.nextInt(100_000) / 100],
      ['insured', () => rng.nextInt(2) === 0],
      ['id_number', () => rng.nextInt(1e12)],
      [
        'extra',
        () =>
          rng.nextInt(2) === 0
            ? { ward: rng.nextInt(5), tags: ['a', rng.nextInt(3)] }
            : [rng.nextInt(4), null],
      ],
      ['notes', () => (rng.nextInt(3) === 0 ? '' : `复诊, 电话 ${phone}\n"加急"`)],
    ];
    for (const [key, value] of fields) if (rng.nextInt(8) !== 0) record[key] = value();
    // A key first seen halfway through: columns come in order of first appearance in ALL lines.
    if (row >= rows / 2 && rng.nextInt(3) === 0) record.late_key = `L${rng.nextInt(row + 1)}`;
    const entries = Object.entries(record);
    if (rng.nextInt(4) === 0) entries.reverse();
    lines.push(JSON.stringify(Object.fromEntries(entries)));
    if (rng.nextInt(40) === 0) lines.push(rng.nextInt(2) === 0 ? '' : '   ');
  }
  return lines.join(lineEnd) + (rows % 2 === 0 ? lineEnd : '');
}

/** A store whose only blob is `content`, streamed in pieces of `pieceBytes`. */
function storeOf(content: Buffer, pieceBytes: number): BlobStore {
  const pieces: Buffer[] = [];
  for (let at = 0; at < content.length; at += pieceBytes)
    pieces.push(content.subarray(at, at + pieceBytes));
  // Only open() is read by profileTableSource; the rest of the interface is not needed here.
  return { open: () => Promise.resolve(Readable.from(pieces)) } as unknown as BlobStore;
}

const blob = { sha256: 'a'.repeat(64), raw: true, sizeBytes: 0 };

function inMemory(content: Buffer) {
  return profileTable(readTable(content, { format: 'jsonl' }), NOW_MS);
}

async function caught(run: () => unknown): Promise<TableError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TableError) return error;
    throw error;
  }
  throw new Error('expected a TableError');
}

describe('services/engine profileTableSource on JSON Lines (streamed, not read whole)', function () {
  this.timeout(180_000);

  const cases = [
    { desc: 'a few rows', seed: 11, rows: 30, noise: 0 },
    { desc: 'no sample (at most twice its size)', seed: 12, rows: 3_000, noise: 0.02 },
    { desc: 'sampled, conclusive', seed: 13, rows: 12_000, noise: 0.01 },
    { desc: 'sampled, inconclusive', seed: 14, rows: 12_000, noise: 0.2 },
    { desc: 'beyond the dictionary (65,536), rescanned', seed: 15, rows: 70_000, noise: 0.2 },
  ];
  for (const { desc, seed, rows, noise } of cases)
    it(`${desc}: the in-memory profile's figures`, async () => {
      const text = randomJsonl(createRng(seed), rows, noise, seed % 2 === 0 ? '\r\n' : '\n');
      const content = Buffer.from(text);
      const want = inMemory(content);
      expect(want.columns.at(-1)?.name).to.equal('late_key');
      const got = await profileTableSource({ content, format: 'jsonl' }, undefined, NOW_MS);
      expect(got).to.deep.equal(want);
      if (rows <= 12_000) {
        // From a blob, in pieces that cut lines and characters.
        const fromBlob = await profileTableSource(
          { blob, format: 'jsonl' },
          storeOf(content, 4093),
          NOW_MS,
        );
        expect(fromBlob).to.deep.equal(want);
      }
    });

  it('GB18030 read as UTF-8 first: restarted, same profile', async () => {
    const content = iconv.encode(randomJsonl(createRng(16), 2_000, 0.05, '\n'), 'gb18030');
    const got = await profileTableSource({ blob, format: 'jsonl' }, storeOf(content, 1000), NOW_MS);
    expect(got.encoding).to.equal('gb18030');
    expect(got).to.deep.equal(inMemory(content));
  });

  it("errors are the in-memory read's: malformed line (with its number), non-object, empty", async () => {
    const inputs = [
      '{"a":1}\n\r\n{"a":2}\n{"a":\n',
      '{"a":1}\n[1,2]\n',
      '{"a":1}\n"text"\n',
      '\n  \n\r\n',
      '{}\n{}\n',
    ];
    for (const text of inputs) {
      const content = Buffer.from(text);
      const want = await caught(() => inMemory(content));
      const got = await caught(() =>
        profileTableSource({ content, format: 'jsonl' }, undefined, NOW_MS),
      );
      expect([got.code, got.details]).to.deep.equal([want.code, want.details]);
    }
    const malformed = await caught(() =>
      profileTableSource(
        { content: Buffer.from('{"a":1}\n\n{"a":\n'), format: 'jsonl' },
        undefined,
        NOW_MS,
      ),
    );
    expect(malformed.code).to.equal('table_malformed_jsonl');
    expect(malformed.details).to.include({ line: 3 });
  });
});
