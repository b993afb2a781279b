import { expect } from 'chai';
import { hashString } from '../../../src/core/table/string-interner.js';
import { countDistinctByHash } from '../../../src/core/detect/distinct-by-hash.js';
import { createRng } from '../../../src/core/rng.js';

/** Hashes `values` with `hash` and counts their distinct values through countDistinctByHash. */
function countDistinct(values: readonly unknown[], hash: (value: string) => number): number {
  const hashes = Int32Array.from(values, (v) =>
    hash(v === null || v === undefined ? '' : String(v)),
  );
  const rows = Int32Array.from(values, (_, row) => row);
  return countDistinctByHash(hashes, rows, values.length, values);
}

describe('core/detect countDistinctByHash', () => {
  const rng = createRng(7);
  const randomValues = (count: number, alphabet: string, maxLength: number): string[] =>
    Array.from({ length: count }, () => {
      let value = '';
      const length = rng.nextInt(maxLength + 1);
      for (let i = 0; i < length; i++) value += alphabet[rng.nextInt(alphabet.length)];
      return value;
    });

  const cases: { desc: string; values: unknown[]; hash: (value: string) => number }[] = [
    { desc: 'no values', values: [], hash: hashString },
    { desc: 'one value', values: ['a'], hash: hashString },
    {
      desc: 'repeats and empty values',
      values: ['a', '', 'b', 'a', null, '', undefined, 'b'],
      hash: hashString,
    },
    { desc: 'many repeats, FNV-1a', values: randomValues(20_000, 'ab张0', 6), hash: hashString },
    {
      desc: 'every hash equal (one run, compared through a Set)',
      values: randomValues(2_000, 'abc', 4),
      hash: () => 42,
    },
    {
      desc: 'hashes that collide in runs of a few (compared pairwise)',
      values: randomValues(2_000, 'abcdef', 5),
      hash: (v) => hashString(v) & 1023,
    },
    {
      desc: 'negative and extreme hashes',
      values: ['x', 'y', 'z', 'x', 'w'],
      hash: (v) => (v === 'x' ? -1 : v === 'y' ? 0x7fffffff : v === 'z' ? -0x80000000 : 0),
    },
  ];
  for (const { desc, values, hash } of cases)
    it(desc, () =>
      expect(countDistinct(values, hash)).to.equal(
        new Set(values.map((v) => (v === null || v === undefined ? '' : String(v)))).size,
      ),
    );

  it('more than 2^21 values (grouped on all 32 bits)', () => {
    const values = Array.from({ length: (1 << 21) + 5000 }, (_, i) => i % 1_500_000);
    expect(countDistinct(values, (v) => hashString(v) & 0x3fffff)).to.equal(1_500_000);
  });

  it('counts only the rows it is given', () => {
    const values = ['a', 'b', 'a', 'c', 'd'];
    const hashes = Int32Array.from([2, 3, 4], (row) => hashString(values[row]));
    expect(countDistinctByHash(hashes, Int32Array.of(2, 3, 4), 3, values)).to.equal(3);
    expect(
      countDistinctByHash(
        Int32Array.of(hashString('a'), hashString('a')),
        Int32Array.of(0, 2),
        2,
        values,
      ),
    ).to.equal(1);
  });
});
