// A value and the same value after a CSV, JSON Lines, Arrow or Parquet round trip have one canonical text.
import { expect } from 'chai';
import {
  canonicalText,
  decimalsOf,
  encodeCanonicalColumn,
  precisionOf,
  roundToPrecision,
} from '../../../src/core/fingerprint/canonical-value.js';

describe('core/fingerprint/canonical-value', () => {
  const cases: { desc: string; input: unknown; want: string }[] = [
    { desc: 'plain text is kept', input: '妇科', want: '妇科' },
    { desc: 'surrounding blanks are trimmed', input: '  K02.9 ', want: 'K02.9' },
    { desc: 'full-width text is NFKC-folded', input: 'Ｋ０２．９', want: 'K02.9' },
    { desc: 'a number keeps its shortest form', input: 300, want: '300' },
    { desc: 'numeric text with trailing zeros', input: '300.00', want: '300' },
    { desc: 'numeric text with decimals', input: '12.50', want: '12.5' },
    { desc: 'scientific notation', input: '1.25e1', want: '12.5' },
    { desc: 'full-width digits read as a number', input: '３００', want: '300' },
    { desc: 'negative zero', input: -0, want: '0' },
    { desc: 'a band is not a number', input: '20-39', want: '20-39' },
    { desc: 'null is empty', input: null, want: '' },
    { desc: 'undefined is empty', input: undefined, want: '' },
    { desc: 'NaN is empty', input: Number.NaN, want: '' },
    { desc: 'NaN as text is empty', input: 'NaN', want: '' },
    { desc: 'a bigint', input: 2024n, want: '2024' },
    { desc: 'a boolean', input: true, want: 'true' },
    {
      desc: 'a date at UTC midnight is the day',
      input: new Date('2024-03-01T00:00:00Z'),
      want: '2024-03-01',
    },
    {
      desc: 'an ISO midnight text is the day',
      input: '2024-03-01T00:00:00.000Z',
      want: '2024-03-01',
    },
    {
      desc: 'another instant keeps its time',
      input: new Date('2024-03-01T08:30:00Z'),
      want: '2024-03-01T08:30:00.000Z',
    },
  ];
  for (const { desc, input, want } of cases)
    it(`canonicalText: ${desc}`, () => expect(canonicalText(input)).to.equal(want));

  it('counts decimals of plain numbers only', () => {
    expect([
      decimalsOf('300'),
      decimalsOf('12.5'),
      decimalsOf('0.125'),
      decimalsOf('1e5'),
      decimalsOf('a'),
    ]).to.deep.equal([0, 1, 3, -1, -1]);
    expect(precisionOf(['300', '12.5', 'x', '7'])).to.equal(1);
    expect(precisionOf(['a', 'b'])).to.equal(-1);
  });

  it('rounds a leaked number to the release precision, and leaves text alone', () => {
    expect(roundToPrecision('300.0000001', 0)).to.equal('300');
    expect(roundToPrecision('12.46', 1)).to.equal('12.5');
    expect(roundToPrecision('20-39', 0)).to.equal('20-39');
    expect(roundToPrecision('12.46', -1)).to.equal('12.46');
  });

  it('encodes values that canonicalize alike under one code', () => {
    const column = encodeCanonicalColumn('cost', ['300', 300, '300.0', ' 300', '12.5', null, '']);
    expect(column.dictionary).to.deep.equal(['300', '12.5', '']);
    expect(Array.from(column.codes)).to.deep.equal([0, 0, 0, 0, 1, 2, 2]);
  });
});
