import { expect } from 'chai';
import { parseHierarchy } from '../../../src/core/hierarchy/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import { resolveGeneralizedValues } from '../../../src/core/privacy/generalized-values.js';
import {
  aggregateLoss,
  measureHierarchyUtility,
} from '../../../src/core/privacy/hierarchy-utility.js';
import { PrivacyError } from '../../../src/core/privacy/privacy-error.js';
import {
  measureAverageClassSize,
  measureDiscernibility,
  measureMarginalDistance,
  measureNonUniformEntropy,
  topValues,
} from '../../../src/core/privacy/utility-metrics.js';
import { createRng } from '../../../src/core/rng.js';
import { classesOfSizes } from './fixtures.js';

const AGE = parseHierarchy(
  [
    '1;1-2;1-4;*',
    '2;1-2;1-4;*',
    '3;3-4;1-4;*',
    '4;3-4;1-4;*',
    '5;5-6;5-8;*',
    '6;5-6;5-8;*',
    '7;7-8;5-8;*',
    '8;7-8;5-8;*',
  ].join('\n'),
);
const SEX = parseHierarchy('M;*\nF;*');

describe('core/privacy/utility', () => {
  it('Loss and precision by hand: age at level 1 with one suppressed record, sex fully generalized', () => {
    const suppressed = new Uint8Array([0, 0, 0, 1]);
    const utility = measureHierarchyUtility(
      [
        { released: encodeColumn('age', ['1-2', '1-2', '3-4', '*']), hierarchy: AGE },
        { released: encodeColumn('sex', ['*', '*', '*', '*']), hierarchy: SEX },
      ],
      suppressed,
    );
    const [age, sex] = utility.attributes;
    // age: (2 leaves − 1)/(8 − 1) per released record, 1 for the suppressed one
    expect(age.loss).to.be.closeTo((3 / 7 + 1) / 4, 1e-15);
    expect(age.precision).to.be.closeTo((3 * (1 / 3) + 1) / 4, 1e-15);
    expect(age.level).to.equal(1);
    expect(sex.loss).to.equal(1);
    expect(sex.precision).to.equal(1);
    expect(utility.loss).to.be.closeTo(Math.sqrt((1 + 5 / 14) * 2) - 1, 1e-15);
    expect(utility.precision).to.be.closeTo((0.5 + 1) / 2, 1e-15);
  });

  it('ungeneralized values lose nothing', () => {
    const utility = measureHierarchyUtility([
      { released: encodeColumn('age', ['1', '5', '8']), hierarchy: AGE },
    ]);
    expect(utility.loss).to.equal(0);
    expect(utility.precision).to.equal(0);
  });

  it('infers local recoding when no single level holds every value', () => {
    const resolved = resolveGeneralizedValues(encodeColumn('age', ['1', '1-2', '5-8']), AGE);
    expect(resolved.columnLevel).to.equal(null);
    expect(Array.from(resolved.levelOfCode)).to.deep.equal([0, 1, 2]);
    expect(Array.from(resolved.leavesOfCode)).to.deep.equal([1, 2, 4]);
  });

  it('picks the lowest level holding every value, honouring a stated level', () => {
    const hierarchy = parseHierarchy('a;a;*\nb;a;*');
    // 'a' is a leaf (1 leaf) and a level-1 label (2 leaves)
    expect(resolveGeneralizedValues(encodeColumn('x', ['a', 'b']), hierarchy).columnLevel).to.equal(
      0,
    );
    const atOne = resolveGeneralizedValues(encodeColumn('x', ['a']), hierarchy, { level: 1 });
    expect(Array.from(atOne.leavesOfCode)).to.deep.equal([2]);
    expect(() => resolveGeneralizedValues(encodeColumn('x', ['b']), hierarchy, { level: 1 }))
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_hierarchy_mismatch');
  });

  it('refuses a released value found in no level', () => {
    expect(() =>
      measureHierarchyUtility([{ released: encodeColumn('age', ['1', '99']), hierarchy: AGE }]),
    )
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_hierarchy_mismatch');
  });

  it('ignores values of suppressed records when resolving levels', () => {
    const utility = measureHierarchyUtility(
      [{ released: encodeColumn('age', ['1-2', 'garbage']), hierarchy: AGE }],
      new Uint8Array([0, 1]),
    );
    expect(utility.attributes[0].loss).to.be.closeTo((1 / 7 + 1) / 2, 1e-15);
  });

  it('aggregates Loss as a geometric mean of (1 + loss) minus 1', () => {
    expect(aggregateLoss([])).to.equal(0);
    expect(aggregateLoss([0.5])).to.be.closeTo(0.5, 1e-15);
    expect(aggregateLoss([0, 1])).to.be.closeTo(Math.SQRT2 - 1, 1e-15);
  });

  it('discernibility and average class size: sizes 3, 4, 2 and one suppressed of n = 10', () => {
    const classes = classesOfSizes([3, 4, 2], 1);
    expect(measureDiscernibility(classes)).to.equal(9 + 16 + 4 + 10);
    expect(measureAverageClassSize(classes)).to.be.closeTo(10 / 3, 1e-15);
    expect(measureAverageClassSize(classesOfSizes([], 2))).to.equal(0);
    expect(measureDiscernibility(classesOfSizes([], 2))).to.equal(4);
  });

  it('discernibility matches Σ f² on weighted roll-ups', () => {
    const classes = computeEquivalenceClasses([encodeColumn('q', ['a', 'b'])], {
      weights: new Int32Array([3, 5]),
    });
    expect(measureDiscernibility(classes)).to.equal(34);
  });

  it('non-uniform entropy by hand: a, a, b generalized to x, c kept', () => {
    const original = encodeColumn('v', ['a', 'a', 'b', 'c']);
    const released = encodeColumn('v', ['x', 'x', 'x', 'c']);
    expect(measureNonUniformEntropy(original, released)).to.be.closeTo(
      2 * Math.log2(3 / 2) + Math.log2(3),
      1e-12,
    );
    expect(measureNonUniformEntropy(original, original)).to.equal(0);
    // suppressing c: its value now covers the whole column, −log2(1/4) = 2 bits
    expect(
      measureNonUniformEntropy(original, original, new Uint8Array([0, 0, 0, 1])),
    ).to.be.closeTo(2, 1e-12);
  });

  it('total-variation distance between original and released marginals', () => {
    const original = encodeColumn('v', ['a', 'a', 'b', 'c']);
    expect(measureMarginalDistance(original, encodeColumn('v', ['a', 'a', 'b', 'c']))).to.equal(0);
    expect(
      measureMarginalDistance(original, encodeColumn('v', ['x', 'x', 'x', 'c'])),
    ).to.be.closeTo(0.75, 1e-15);
    expect(measureMarginalDistance(original, encodeColumn('v', ['q', 'q', 'q', 'q']))).to.equal(1);
    // suppressing the b row: released a 2/3, c 1/3 against a 1/2, b 1/4, c 1/4
    const distance = measureMarginalDistance(original, original, new Uint8Array([0, 0, 1, 0]));
    expect(distance).to.be.closeTo(0.5 * (1 / 6 + 1 / 4 + 1 / 12), 1e-15);
  });

  it('top values, distance and entropy agree with naive references on random columns', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + rng.nextInt(300);
      const spread = 1 + rng.nextInt(40);
      const originalValues = Array.from({ length: rows }, () => `v${rng.nextInt(spread)}`);
      // Released: some values kept, others merged into a few labels.
      const releasedValues = originalValues.map((v) =>
        Number(v.slice(1)) % 3 === 0 ? v : `g${Number(v.slice(1)) % 4}`,
      );
      const suppressed = Uint8Array.from({ length: rows }, () => (rng.nextInt(10) === 0 ? 1 : 0));
      const original = encodeColumn('v', originalValues);
      const released = encodeColumn('v', releasedValues);
      const limit = rng.nextInt(10);
      // Naive: count with objects, sort everything.
      const kept = releasedValues.filter((_, row) => suppressed[row] === 0);
      const tally = (values: string[]) => {
        const counts = new Map<string, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        return counts;
      };
      const sorted = [...tally(kept)]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([value, count]) => ({ value, count }));
      expect(topValues(released, limit, suppressed).bars).to.deep.equal(sorted);
      const p = tally(originalValues);
      const q = tally(kept);
      let tv = 0;
      for (const value of new Set([...p.keys(), ...q.keys()]))
        tv += Math.abs((p.get(value) ?? 0) / rows - (q.get(value) ?? 0) / Math.max(1, kept.length));
      const want = kept.length === 0 ? 1 : Math.min(1, tv / 2);
      expect(measureMarginalDistance(original, released, suppressed)).to.be.closeTo(want, 1e-12);
      let bits = 0;
      originalValues.forEach((value, row) => {
        const covered = suppressed[row] ? rows : q.get(releasedValues[row])!;
        const ratio = p.get(value)! / covered;
        if (ratio < 1) bits -= Math.log2(ratio);
      });
      expect(measureNonUniformEntropy(original, released, suppressed)).to.be.closeTo(bits, 1e-9);
    }
  });

  it('top values for the before/after charts', () => {
    const column = encodeColumn('v', ['b', 'a', 'b', 'c', 'b', 'a']);
    expect(topValues(column, 2)).to.deep.equal({
      bars: [
        { value: 'b', count: 3 },
        { value: 'a', count: 2 },
      ],
      otherCount: 1,
      total: 6,
    });
  });
});
