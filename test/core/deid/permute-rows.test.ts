import { expect } from 'chai';
import {
  permuteReleasedRows,
  secureIndexSource,
  seededIndexSource,
} from '../../../src/core/deid/stages/permute-rows.js';
import { createRng } from '../../../src/core/rng.js';

/** A stand-in for a CSPRNG: seeded bytes, so the test is deterministic. */
function seededBytes(seed: number) {
  const rng = createRng(seed);
  return (length: number) => Uint8Array.from({ length }, () => rng.nextInt(256));
}

describe('core/deid permuteReleasedRows', () => {
  it('releases every row not suppressed exactly once', () => {
    const suppressed = Uint8Array.from({ length: 1000 }, (_, r) => (r % 7 === 0 ? 1 : 0));
    const order = permuteReleasedRows(1000, suppressed, secureIndexSource(seededBytes(1)));
    const want = [...Array(1000).keys()].filter((r) => r % 7 !== 0);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(want);
    // Not the input order: a sorted export must not keep its sort.
    let inPlace = 0;
    order.forEach((row, i) => (inPlace += row === want[i] ? 1 : 0));
    expect(inPlace).to.be.below(20);
  });

  it('draws each of the 24 orders of 4 rows about equally often (chi-square, 23 df)', () => {
    const source = secureIndexSource(seededBytes(2));
    const counts = new Map<string, number>();
    const trials = 24_000;
    for (let t = 0; t < trials; t++) {
      const key = permuteReleasedRows(4, undefined, source).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).to.equal(24);
    const expected = trials / 24;
    let chi2 = 0;
    for (const n of counts.values()) chi2 += (n - expected) ** 2 / expected;
    // 23 degrees of freedom: P(chi2 > 49.7) < 0.001.
    expect(chi2).to.be.below(49.7);
  });

  it('rejects the words that would bias the modulo, and reads unaligned sources', () => {
    // bound 3: 0xFFFFFFFF ≥ 3·⌊2^32/3⌋ is rejected; the next word, 5, gives 5 mod 3 = 2.
    const words = new Uint32Array(16_384);
    words[0] = 0xffffffff;
    words[1] = 5;
    const unaligned = new Uint8Array(words.byteLength + 1);
    unaligned.set(new Uint8Array(words.buffer), 1);
    const source = secureIndexSource(() => unaligned.subarray(1));
    expect(source.nextIndex(3)).to.equal(2);
    expect(() => secureIndexSource(() => new Uint8Array(8)).nextIndex(2)).to.throw(RangeError);
  });

  it('is reproducible from a seed on the seeded path', () => {
    const a = permuteReleasedRows(50, undefined, seededIndexSource(createRng(9)));
    const b = permuteReleasedRows(50, undefined, seededIndexSource(createRng(9)));
    const c = permuteReleasedRows(50, undefined, seededIndexSource(createRng(10)));
    expect([...a]).to.deep.equal([...b]);
    expect([...a]).to.not.deep.equal([...c]);
  });
});
