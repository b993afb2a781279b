import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { measureColumnUniqueness } from '../../../../src/core/deid/gate/column-uniqueness.js';
import { checkNearUnique, NEAR_UNIQUE_SHARE } from '../../../../src/core/deid/gate/near-unique.js';
import { encodeColumn } from '../../../../src/core/table/dictionary-column.js';
import { createRng } from '../../../../src/core/rng.js';

/** Naive oracle: counts each released value row by row. */
function naiveUniqueShare(values: readonly string[], suppressed?: Uint8Array): number {
  const counts = new Map<string, number>();
  values.forEach((v, r) => {
    if (v !== '' && !suppressed?.[r]) counts.set(v, (counts.get(v) ?? 0) + 1);
  });
  let nonEmpty = 0;
  let unique = 0;
  for (const n of counts.values()) {
    nonEmpty += n;
    if (n === 1) unique++;
  }
  return nonEmpty === 0 ? 0 : unique / nonEmpty;
}

describe('core/deid gate: column uniqueness and near-unique columns', () => {
  it('agrees with a row-by-row count, over released rows only', () => {
    const rng = createRng(4);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 300 }, () =>
        rng.next() < 0.1 ? '' : String(rng.nextInt(1 + trial * 30)),
      );
      const suppressed = Uint8Array.from(values, () => (rng.next() < 0.2 ? 1 : 0));
      const measured = measureColumnUniqueness(encodeColumn('x', values), suppressed);
      expect(measured.uniqueShare).to.be.closeTo(naiveUniqueShare(values, suppressed), 1e-12);
    }
  });

  it('flags a column holding one value (or none) as constant', () => {
    expect(measureColumnUniqueness(encodeColumn('x', ['a', 'a', '']), undefined).constant).to.equal(
      true,
    );
    expect(measureColumnUniqueness(encodeColumn('x', ['a', 'b']), undefined).constant).to.equal(
      false,
    );
    // Suppression can leave one value: the release is constant even though the input was not.
    expect(
      measureColumnUniqueness(encodeColumn('x', ['a', 'b']), Uint8Array.of(0, 1)).constant,
    ).to.equal(true);
  });

  it('refuses a column above the threshold, naming it and its share', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i < 60 ? `R${i}` : 'x'));
    const column = encodeColumn('record_no', values);
    const uniqueness = measureColumnUniqueness(column, undefined);
    expect(uniqueness.uniqueShare).to.equal(0.6);
    expect(checkNearUnique(column, uniqueness)).to.deep.equal([
      {
        kind: 'near_unique_column',
        column: 'record_no',
        uniqueShare: 0.6,
        threshold: NEAR_UNIQUE_SHARE,
      },
    ]);
    const half = encodeColumn(
      'half',
      Array.from({ length: 100 }, (_, i) => (i < 50 ? `R${i}` : 'x')),
    );
    expect(checkNearUnique(half, measureColumnUniqueness(half, undefined))).to.deep.equal([]);
  });

  it('names the digest when the values look like unkeyed hashes', () => {
    const digests = Array.from({ length: 50 }, (_, i) =>
      createHash('sha256')
        .update(`1101051949123${1000 + i}`)
        .digest('hex'),
    );
    const column = encodeColumn('id_hash', digests);
    const [refusal] = checkNearUnique(column, measureColumnUniqueness(column, undefined));
    expect(refusal).to.deep.include({ kind: 'near_unique_column', digest: 'SHA-256' });
  });
});
