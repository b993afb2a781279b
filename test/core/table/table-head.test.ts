// textTableHead against the naive oracle: the head read as a table is the whole table's first rows.
import { expect } from 'chai';
import { createRng, type Rng } from '../../../src/core/rng.js';
import { readTable, textTableHead, toCsvText, toJsonlText } from '../../../src/core/table/index.js';

const PIECES = ['a', '和平区', ',', '"', '\n', '\r\n', ' ', '=x', '1.5', ''];

function randomCell(rng: Rng): string {
  let cell = '';
  for (let n = rng.nextInt(4); n > 0; n--) cell += PIECES[rng.nextInt(PIECES.length)];
  return cell;
}

function randomColumns(rng: Rng, rows: number): Record<string, string[]> {
  const columns: Record<string, string[]> = {};
  for (let c = 0, count = 1 + rng.nextInt(4); c < count; c++)
    columns[`c${c}`] = Array.from({ length: rows }, () => randomCell(rng));
  return columns;
}

/** The head, fed in growing prefixes as a reader of a stream would. */
function headOf(bytes: Uint8Array, format: 'csv' | 'jsonl', records: number): Uint8Array {
  for (let end = 1; end <= bytes.length; end += 7) {
    const head = textTableHead(bytes.subarray(0, end), format, records);
    if (head !== undefined) return head;
  }
  return textTableHead(bytes, format, records, true)!;
}

describe('core/table textTableHead', () => {
  for (const format of ['csv', 'jsonl'] as const) {
    it(`${format}: the head holds exactly the table's first rows (seeded, quotes and line breaks in cells)`, () => {
      const rng = createRng(format === 'csv' ? 31 : 37);
      for (let round = 0; round < 200; round++) {
        const rows = 1 + rng.nextInt(12);
        const columns = randomColumns(rng, rows);
        const names = Object.keys(columns);
        const text =
          format === 'csv'
            ? toCsvText(
                names,
                names.map((name) => columns[name]),
              )
            : toJsonlText(
                names,
                names.map((name) => columns[name]),
              );
        const bytes = Buffer.from(text, 'utf8');
        const records = 1 + rng.nextInt(rows + 2);
        const whole = readTable(bytes, { format }).table;
        const head = readTable(headOf(bytes, format, records), { format }).table;
        expect(head.slice(0, records).objects()).to.deep.equal(whole.slice(0, records).objects());
      }
    });
  }

  it('asks for more bytes until the records are complete', () => {
    const bytes = Buffer.from('a,b\n1,"x\ny"\n2,z\n');
    expect(textTableHead(bytes.subarray(0, 8), 'csv', 1)).to.equal(undefined);
    expect(Buffer.from(textTableHead(bytes, 'csv', 1)!).toString()).to.equal('a,b\n1,"x\ny"\n');
    // Blank lines after the wanted records: the head goes on to a line with content.
    const blank = Buffer.from('c\n1\n\n\n2\n');
    expect(Buffer.from(textTableHead(blank, 'csv', 2)!).toString()).to.equal('c\n1\n\n\n2\n');
    expect(textTableHead(bytes.subarray(0, 12), 'csv', 5)).to.equal(undefined);
    expect(textTableHead(bytes, 'csv', 5, true)).to.equal(bytes);
  });

  it('skips blank JSON Lines', () => {
    const bytes = Buffer.from('{"a":1}\n\n  \n{"a":2}\n{"a":3}\n');
    expect(Buffer.from(textTableHead(bytes, 'jsonl', 2)!).toString()).to.equal(
      '{"a":1}\n\n  \n{"a":2}\n',
    );
  });
});
