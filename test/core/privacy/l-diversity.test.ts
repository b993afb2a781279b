import { expect } from 'chai';
import {
  isRecursiveCLDiverse,
  measureDistinctL,
  measureEntropyL,
  measureRecursiveCThreshold,
} from '../../../src/core/privacy/l-diversity.js';
import { PrivacyError } from '../../../src/core/privacy/privacy-error.js';
import { classesAndCounts, DISEASES } from './fixtures.js';

describe('core/privacy/l-diversity', () => {
  it('distinct l is the fewest distinct values in a class (C holds only hiv)', () => {
    expect(measureDistinctL(classesAndCounts(DISEASES).counts)).to.equal(1);
  });

  it('sorts class counts descending', () => {
    const { counts } = classesAndCounts(DISEASES);
    // class B (id 1): cancer 2, then flu 1 and hiv 1 by code (flu first seen)
    const start = counts.classOffsets[1];
    expect(Array.from(counts.valueCounts.slice(start, counts.classOffsets[2]))).to.deep.equal([
      2, 1, 1,
    ]);
    expect(Array.from(counts.tableCounts)).to.deep.equal([3, 3, 3]);
    expect(counts.classifiedCount).to.equal(9);
  });

  const cases = [
    {
      desc: 'three equal values: entropy l = 3, distinct l = 3',
      rows: [
        ['a', 'x'],
        ['a', 'y'],
        ['a', 'z'],
      ],
      want: { distinct: 3, entropy: 3, c2: 1 / 2 },
    },
    {
      desc: 'counts 2,1: H = ln 3 − (2/3) ln 2',
      rows: [
        ['a', 'x'],
        ['a', 'x'],
        ['a', 'y'],
      ],
      want: { distinct: 2, entropy: Math.exp(Math.log(3) - (2 / 3) * Math.log(2)), c2: 2 },
    },
    {
      desc: 'a single sensitive value everywhere: l = 1, recursive unsatisfiable',
      rows: [
        ['a', 'x'],
        ['b', 'x'],
        ['b', 'x'],
      ],
      want: { distinct: 1, entropy: 1, c2: Infinity },
    },
    {
      desc: 'empty sensitive values are ordinary values',
      rows: [
        ['a', ''],
        ['a', 'NA'],
        ['a', '?'],
        ['a', '*'],
      ],
      want: { distinct: 4, entropy: 4, c2: 1 / 3 },
    },
    {
      desc: 'the worst class decides: counts 3,1 and 1,1',
      rows: [
        ['a', 'x'],
        ['a', 'x'],
        ['a', 'x'],
        ['a', 'y'],
        ['b', 'x'],
        ['b', 'y'],
      ],
      want: {
        distinct: 2,
        entropy: Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))),
        c2: 3,
      },
    },
  ] as const;
  for (const { desc, rows, want } of cases) {
    it(desc, () => {
      const { counts } = classesAndCounts(rows as unknown as [string, string][]);
      expect(measureDistinctL(counts)).to.equal(want.distinct);
      expect(measureEntropyL(counts)).to.be.closeTo(want.entropy, 1e-12);
      const c = measureRecursiveCThreshold(counts, 2);
      if (want.c2 === Infinity) expect(c).to.equal(Infinity);
      else expect(c).to.be.closeTo(want.c2, 1e-12);
    });
  }

  it('recursive (c,l) on the running example: A 2/1, B 2/(1+1), C unsatisfiable', () => {
    const rows = DISEASES.filter((row) => row[0] !== 'C');
    const { counts } = classesAndCounts(rows);
    expect(measureRecursiveCThreshold(counts, 2)).to.equal(2);
    expect(measureRecursiveCThreshold(classesAndCounts(DISEASES).counts, 2)).to.equal(Infinity);
    // l = 3: A has 2 distinct values only
    expect(measureRecursiveCThreshold(counts, 3)).to.equal(Infinity);
    // l = 1: r1 / all: A 2/3, B 2/4
    expect(measureRecursiveCThreshold(counts, 1)).to.be.closeTo(2 / 3, 1e-15);
  });

  it('is strict: c exactly at the threshold fails, just above passes', () => {
    const { counts } = classesAndCounts(DISEASES.filter((row) => row[0] !== 'C'));
    expect(isRecursiveCLDiverse(counts, 2, 2)).to.equal(false);
    expect(isRecursiveCLDiverse(counts, 2.0001, 2)).to.equal(true);
    expect(isRecursiveCLDiverse(counts, 100, 3)).to.equal(false);
  });

  it('reports 0 with no classes (every record suppressed)', () => {
    const { counts } = classesAndCounts([]);
    expect(measureDistinctL(counts)).to.equal(0);
    expect(measureEntropyL(counts)).to.equal(0);
    expect(measureRecursiveCThreshold(counts, 2)).to.equal(0);
  });

  it('refuses l that is not a positive integer', () => {
    const { counts } = classesAndCounts(DISEASES);
    for (const l of [0, 1.5, -1]) {
      expect(() => measureRecursiveCThreshold(counts, l))
        .to.throw(PrivacyError)
        .with.property('code', 'privacy_invalid_parameter');
    }
  });
});
