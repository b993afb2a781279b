import { expect } from 'chai';
import * as aq from 'arquero';
import {
  countCodes,
  decodeColumn,
  encodeColumn,
  encodeTableColumns,
  mapDictionary,
  remapColumn,
  toRawString,
} from '../../../src/core/table/dictionary-column.js';

describe('core/table/dictionary-column', () => {
  describe('toRawString', () => {
    const cases: { desc: string; input: unknown; want: string }[] = [
      { desc: 'null is empty', input: null, want: '' },
      { desc: 'undefined is empty', input: undefined, want: '' },
      { desc: 'NA stays NA', input: 'NA', want: 'NA' },
      { desc: 'star stays star', input: '*', want: '*' },
      { desc: 'number', input: 42, want: '42' },
      { desc: 'boolean', input: false, want: 'false' },
      { desc: 'date', input: new Date(Date.UTC(2020, 0, 2)), want: '2020-01-02T00:00:00.000Z' },
    ];
    for (const { desc, input, want } of cases)
      it(desc, () => expect(toRawString(input)).to.equal(want));
  });

  it('encodes in order of first appearance, treating NA, ?, * and empty as ordinary values', () => {
    const column = encodeColumn('c', ['b', 'NA', '', null, '?', 'b', '*', undefined, 'NA']);
    expect(column.name).to.equal('c');
    expect(column.dictionary).to.deep.equal(['b', 'NA', '', '?', '*']);
    expect(Array.from(column.codes)).to.deep.equal([0, 1, 2, 2, 3, 0, 4, 2, 1]);
    expect(decodeColumn(column)).to.deep.equal(['b', 'NA', '', '', '?', 'b', '*', '', 'NA']);
    expect(Array.from(countCodes(column))).to.deep.equal([2, 2, 3, 1, 1]);
  });

  it('counts codes leaving out excluded rows', () => {
    const column = encodeColumn('c', ['b', 'a', 'b', 'c', 'b']);
    const excluded = Uint8Array.from([1, 0, 0, 1, 0]);
    expect(Array.from(countCodes(column, excluded))).to.deep.equal([2, 1, 0]);
    expect(Array.from(countCodes(column, new Uint8Array(5)))).to.deep.equal([3, 1, 1]);
  });

  it('encodes an empty column', () => {
    const column = encodeColumn('e', []);
    expect(column.dictionary).to.deep.equal([]);
    expect(column.codes.length).to.equal(0);
  });

  it('distinguishes strings that differ only in whitespace or case', () => {
    const column = encodeColumn('c', ['a', 'A', 'a ', ' a']);
    expect(column.dictionary.length).to.equal(4);
  });

  it('encodes the columns of an arquero table in its current row order', () => {
    const table = aq.table({ age: [30, 40, 30, null], sex: ['F', 'M', 'F', 'M'] });
    const [age, sex] = encodeTableColumns(table, ['age', 'sex']);
    expect(age.dictionary).to.deep.equal(['30', '40', '']);
    expect(Array.from(age.codes)).to.deep.equal([0, 1, 0, 2]);
    expect(Array.from(sex.codes)).to.deep.equal([0, 1, 0, 1]);
    const filtered = encodeTableColumns(
      table.filter((d: { sex: string }) => d.sex === 'M'),
      ['age'],
    );
    expect(decodeColumn(filtered[0])).to.deep.equal(['40', '']);
  });

  it('refuses an unknown column', () => {
    const table = aq.table({ a: [1] });
    expect(() => encodeTableColumns(table, ['b'])).to.throw(RangeError);
  });

  it('remaps codes through a mapping onto a new dictionary', () => {
    const column = encodeColumn('age', ['31', '45', '38', '31']);
    const banded = remapColumn(column, [0, 1, 0], ['30-39', '40-49'], 'age_band');
    expect(banded.name).to.equal('age_band');
    expect(decodeColumn(banded)).to.deep.equal(['30-39', '40-49', '30-39', '30-39']);
    expect(() => remapColumn(column, [0, 1], ['x', 'y'])).to.throw(RangeError);
    expect(() => remapColumn(column, [0, 1, 2], ['x', 'y'])).to.throw(RangeError);
  });

  it('generalizes by mapping the dictionary, merging equal images', () => {
    const column = encodeColumn('zip', ['13053', '13068', '14850', '13053']);
    const seen: string[] = [];
    const general = mapDictionary(column, (value) => {
      seen.push(value);
      return `${value.slice(0, 3)}**`;
    });
    expect(seen).to.deep.equal(['13053', '13068', '14850']);
    expect(general.dictionary).to.deep.equal(['130**', '148**']);
    expect(Array.from(general.codes)).to.deep.equal([0, 0, 1, 0]);
    expect(column.dictionary.length).to.equal(3);
  });
});
