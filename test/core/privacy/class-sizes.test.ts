// Class sizes by bucketing on the widest column, against grouping rows on their joined values.
import { expect } from 'chai';
import { equivalenceClassSizes } from '../../../src/core/privacy/class-sizes.js';
import { createRng } from '../../../src/core/rng.js';
import type { DictionaryColumn } from '../../../src/core/table/dictionary-column.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

/** Naive reference: the sizes of the groups of rows with equal values, sorted. */
function naiveSizes(columns: readonly DictionaryColumn[], excluded?: Uint8Array): number[] {
  const rows = columns[0]?.codes.length ?? excluded?.length ?? 0;
  const sizes = new Map<string, number>();
  for (let row = 0; row < rows; row++) {
    if (excluded?.[row]) continue;
    const key = JSON.stringify(columns.map((c) => c.dictionary[c.codes[row]]));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return [...sizes.values()].sort((a, b) => a - b);
}

const sorted = (sizes: Int32Array) => Array.from(sizes).sort((a, b) => a - b);

/** A column of `rows` values drawn from `distinct` labels (a wide column is nearly unique). */
function randomColumn(name: string, rows: number, distinct: number, seed: number) {
  const rng = createRng(seed);
  return encodeColumn(
    name,
    Array.from({ length: rows }, () => `v${Math.floor(rng.next() * distinct)}`),
  );
}

/** A column whose dictionary holds `width` entries though the rows use few of them. */
function wideDictionary(name: string, rows: number, width: number, seed: number): DictionaryColumn {
  const rng = createRng(seed);
  return {
    name,
    dictionary: Array.from({ length: width }, (_, i) => `w${i}`),
    codes: Int32Array.from({ length: rows }, () => Math.floor(rng.next() * 3) * 1000),
  };
}

const everyThird = (rows: number) =>
  Uint8Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0));

const cases: { desc: string; columns: DictionaryColumn[]; excluded?: Uint8Array }[] = [
  {
    desc: 'a nearly unique cost beside small columns (buckets on the cost)',
    columns: [
      randomColumn('sex', 3000, 2, 1),
      randomColumn('cost', 3000, 2500, 2),
      randomColumn('zone', 3000, 5, 3),
    ],
  },
  {
    desc: 'the same with every third row excluded',
    columns: [
      randomColumn('sex', 3000, 2, 1),
      randomColumn('cost', 3000, 2500, 2),
      randomColumn('zone', 3000, 5, 3),
    ],
    excluded: everyThird(3000),
  },
  {
    desc: 'large buckets (two wide columns of a few hundred values: typed-array sorts)',
    columns: [randomColumn('a', 20000, 300, 4), randomColumn('b', 20000, 400, 5)],
  },
  {
    desc: 'few combinations (the direct-address table)',
    columns: [randomColumn('sex', 500, 2, 6), randomColumn('zone', 500, 4, 7)],
    excluded: everyThird(500),
  },
  {
    desc: 'the other columns too wide for one double (pairwise fallback)',
    columns: [0, 1, 2, 3, 4].map((i) => wideDictionary(`w${i}`, 400, 70000, 10 + i)),
  },
  { desc: 'one column', columns: [randomColumn('cost', 1000, 900, 8)] },
  { desc: 'no rows', columns: [encodeColumn('a', []), encodeColumn('b', [])] },
  { desc: 'no column: one class of the rows not excluded', columns: [], excluded: everyThird(9) },
];

describe('core/privacy equivalenceClassSizes (against grouping joined values)', () => {
  for (const { desc, columns, excluded } of cases)
    it(desc, () => {
      expect(sorted(equivalenceClassSizes(columns, excluded))).to.deep.equal(
        naiveSizes(columns, excluded),
      );
    });
});
