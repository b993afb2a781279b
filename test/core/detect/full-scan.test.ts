import { expect } from 'chai';
import {
  createDetectors,
  inferColumnType,
  scanColumnMatches,
} from '../../../src/core/detect/index.js';
import { hashString } from '../../../src/core/table/string-interner.js';
import { scanFullColumn, type FullScanOptions } from '../../../src/core/detect/full-scan.js';
import { createRng } from '../../../src/core/rng.js';
import { encodeColumn, toRawString } from '../../../src/core/table/index.js';
import { labelledColumns } from './vectors/labelled-columns.js';
import { TODAY_YMD } from './vectors/detector-vectors.js';

const detectors = createDetectors({ todayYmd: TODAY_YMD });

/** What a full scan must answer, from a complete dictionary encoding (the code before the overflow path). */
function reference(values: readonly unknown[]) {
  const encoded = encodeColumn('c', values);
  const scan = scanColumnMatches(encoded, detectors);
  return {
    nulls: values.filter((v) => toRawString(v) === '').length,
    distinct: encoded.dictionary.length,
    nonEmpty: scan.nonEmpty,
    matches: Array.from(scan.matches),
    type: inferColumnType(encoded.dictionary),
  };
}

function scanned(values: readonly unknown[], options: FullScanOptions) {
  const got = scanFullColumn('c', values, detectors, options);
  return {
    nulls: got.nulls,
    distinct: got.distinct,
    nonEmpty: got.scan.nonEmpty,
    matches: Array.from(got.scan.matches),
    type: got.type,
  };
}

describe('core/detect scanFullColumn', () => {
  const rng = createRng(11);
  const shuffled = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  };
  const extras = [
    '',
    ' ',
    '\u3000',
    '１３８１２３４５６７８',
    ' 13812345678 ',
    null,
    undefined,
    '',
  ];
  const columns = labelledColumns().map((c) => ({
    desc: c.header,
    values: shuffled([...c.values, ...c.values.slice(0, 20), ...extras]) as unknown[],
  }));
  columns.push(
    {
      desc: 'empty values only after the dictionary is full',
      values: ['a', 'b', 'c', '', null, '', ' ', 'a', undefined],
    },
    {
      desc: 'consecutive repeats of an overflow value',
      values: ['1', '2', '13812345678', '13812345678', '13812345678', '3', '13812345678'],
    },
    { desc: 'integers, then a leading zero in the overflow', values: ['1', '2', '3', '4', '0371'] },
    { desc: 'nothing but empty values', values: ['', null, '', undefined] },
    { desc: 'no rows', values: [] },
  );
  const options: { label: string; options: FullScanOptions }[] = [
    { label: 'default capacity', options: {} },
    { label: 'capacity 0 (every value overflows)', options: { dictionaryCapacity: 0 } },
    { label: 'capacity 2', options: { dictionaryCapacity: 2 } },
    { label: 'capacity 50', options: { dictionaryCapacity: 50 } },
    { label: 'capacity 2, one hash for all', options: { dictionaryCapacity: 2, hash: () => 0 } },
    {
      label: 'capacity 50, hash = length',
      options: { dictionaryCapacity: 50, hash: (v) => v.length },
    },
    {
      label: 'capacity 50, 4-bit FNV',
      options: { dictionaryCapacity: 50, hash: (v) => hashString(v) & 15 },
    },
  ];
  for (const { desc, values } of columns)
    for (const { label, options: scanOptions } of options)
      it(`${desc}, ${label}: the answers of a complete dictionary`, () =>
        expect(scanned(values, scanOptions)).to.deep.equal(reference(values)));

  it('a near-unique column larger than the dictionary', () => {
    const values = Array.from({ length: 5_000 }, (_, i) =>
      i % 7 === 0 ? `138${String(i % 1000).padStart(8, '0')}` : `MZ${i}`,
    );
    expect(scanned(values, { dictionaryCapacity: 100 })).to.deep.equal(reference(values));
    expect(scanned(values, { dictionaryCapacity: 100 }).distinct).to.equal(new Set(values).size);
  });

  it('without matchOverflow, counts every row but tests only the dictionary values', () => {
    const values = Array.from({ length: 400 }, (_, i) => `138${String(i).padStart(8, '0')}`);
    const all = scanFullColumn('c', values, detectors, { dictionaryCapacity: 100 });
    const counted = scanFullColumn('c', values, detectors, {
      dictionaryCapacity: 100,
      matchOverflow: false,
    });
    expect(all.overflowRows).to.equal(300);
    expect(counted).to.deep.include({
      nulls: all.nulls,
      distinct: all.distinct,
      type: all.type,
      overflowRows: 300,
    });
    const mobile = detectors.findIndex((d) => d.kind === 'cn_mobile');
    expect([all.scan.matches[mobile], counted.scan.matches[mobile]]).to.deep.equal([400, 100]);
    const small = scanFullColumn('c', values.slice(0, 50), detectors, { matchOverflow: false });
    expect(small.overflowRows).to.equal(0);
    expect(small.scan.matches[mobile]).to.equal(50);
  });
});
