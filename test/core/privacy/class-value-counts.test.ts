// Per-class counts of a sensitive value, by both strategies, against counting each class's rows
// in a Map and sorting the counts.
import { expect } from 'chai';
import { countClassValues } from '../../../src/core/privacy/class-value-counts.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import { createRng } from '../../../src/core/rng.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

/** Naive reference: each class's [code, count] pairs, count descending then code ascending. */
function naiveCounts(classOf: Int32Array, codes: Int32Array, classCount: number): number[][][] {
  const perClass = Array.from({ length: classCount }, () => new Map<number, number>());
  classOf.forEach((cls, row) => {
    if (cls >= 0) perClass[cls].set(codes[row], (perClass[cls].get(codes[row]) ?? 0) + 1);
  });
  return perClass.map((m) => [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0]));
}

const cases = [
  { desc: 'a few large classes (the class × value table)', rows: 2000, classes: 6, values: 30 },
  { desc: 'many small classes (rows sorted by class)', rows: 3000, classes: 1500, values: 20 },
];

describe('core/privacy countClassValues (against a Map per class)', () => {
  for (const { desc, rows, classes: classLabels, values } of cases)
    it(desc, () => {
      const rng = createRng(rows);
      const qi = encodeColumn(
        'qi',
        Array.from({ length: rows }, () => `q${Math.floor(rng.next() * classLabels)}`),
      );
      const sensitive = encodeColumn(
        's',
        Array.from({ length: rows }, () => `s${Math.floor(rng.next() * rng.next() * values)}`),
      );
      const suppressed = Uint8Array.from({ length: rows }, (_, r) => (r % 11 === 0 ? 1 : 0));
      const classes = computeEquivalenceClasses([qi], { suppressed });
      const counts = countClassValues(classes, sensitive);
      const got = Array.from({ length: classes.classCount }, (_, cls) => {
        const pairs: number[][] = [];
        for (let i = counts.classOffsets[cls]; i < counts.classOffsets[cls + 1]; i++)
          pairs.push([counts.valueCodes[i], counts.valueCounts[i]]);
        return pairs;
      });
      expect(got).to.deep.equal(
        naiveCounts(classes.classOfRecord, sensitive.codes, classes.classCount),
      );
      const table = new Array<number>(sensitive.dictionary.length).fill(0);
      classes.classOfRecord.forEach((cls, row) => {
        if (cls >= 0) table[sensitive.codes[row]]++;
      });
      expect(Array.from(counts.tableCounts)).to.deep.equal(table);
      expect(counts.classifiedCount).to.equal(rows - classes.suppressedCount);
    });
});
