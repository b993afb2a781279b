import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import type { DictionaryColumn } from '../../../src/core/table/dictionary-column.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import { PrivacyError } from '../../../src/core/privacy/privacy-error.js';

/** Naive reference: row-by-row grouping on joined strings, with Maps. */
function naiveClasses(rows: string[][], suppressed?: Uint8Array, weights?: Int32Array) {
  const idOf = new Map<string, number>();
  const sizes: number[] = [];
  const classOf: number[] = [];
  let suppressedCount = 0;
  rows.forEach((row, r) => {
    const w = weights ? weights[r] : 1;
    if ((suppressed && suppressed[r]) || w === 0) {
      suppressedCount += w;
      classOf.push(-1);
      return;
    }
    const key = JSON.stringify(row);
    let id = idOf.get(key);
    if (id === undefined) {
      id = sizes.length;
      idOf.set(key, id);
      sizes.push(0);
    }
    sizes[id] += w;
    classOf.push(id);
  });
  return { sizes, classOf, suppressedCount };
}

function columnsOf(rows: string[][], width: number): DictionaryColumn[] {
  return Array.from({ length: width }, (_, j) =>
    encodeColumn(
      `q${j}`,
      rows.map((row) => row[j]),
    ),
  );
}

/** Pretends a column has a huge dictionary so the key overflows 2^53 and the fallback runs. */
function inflate(column: DictionaryColumn, size: number): DictionaryColumn {
  const dictionary = { length: size } as unknown as string[];
  return { name: column.name, dictionary, codes: column.codes };
}

describe('core/privacy/equivalence-classes', () => {
  it('groups a hand-computed table', () => {
    const rows = [
      ['30', 'F'],
      ['30', 'M'],
      ['30', 'F'],
      ['', 'M'],
      ['NA', 'M'],
      ['30', 'F'],
    ];
    const classes = computeEquivalenceClasses(columnsOf(rows, 2));
    expect(classes.recordCount).to.equal(6);
    expect(classes.classCount).to.equal(4);
    expect(Array.from(classes.classOfRecord)).to.deep.equal([0, 1, 0, 2, 3, 0]);
    expect(Array.from(classes.classSizes)).to.deep.equal([3, 1, 1, 1]);
    expect(Array.from(classes.firstRecordOfClass)).to.deep.equal([0, 1, 3, 4]);
    expect(classes.suppressedCount).to.equal(0);
  });

  it('puts every record in one class when there are no quasi-identifiers', () => {
    const classes = computeEquivalenceClasses([], { suppressed: new Uint8Array([0, 1, 0]) });
    expect(classes.classCount).to.equal(1);
    expect(Array.from(classes.classSizes)).to.deep.equal([2]);
    expect(Array.from(classes.classOfRecord)).to.deep.equal([0, -1, 0]);
  });

  it('excludes suppressed records and counts them separately', () => {
    const rows = [['a'], ['a'], ['b'], ['c']];
    const classes = computeEquivalenceClasses(columnsOf(rows, 1), {
      suppressed: new Uint8Array([0, 1, 1, 0]),
    });
    expect(classes.suppressedCount).to.equal(2);
    expect(classes.classCount).to.equal(2);
    expect(Array.from(classes.classOfRecord)).to.deep.equal([0, -1, -1, 1]);
    expect(Array.from(classes.classSizes)).to.deep.equal([1, 1]);
  });

  it('handles all records suppressed and an empty table', () => {
    const all = computeEquivalenceClasses(columnsOf([['a'], ['b']], 1), {
      suppressed: new Uint8Array([1, 1]),
    });
    expect(all.classCount).to.equal(0);
    expect(all.suppressedCount).to.equal(2);
    expect(all.recordCount).to.equal(2);
    const empty = computeEquivalenceClasses([encodeColumn('a', [])]);
    expect(empty.classCount).to.equal(0);
    expect(empty.recordCount).to.equal(0);
  });

  it('rolls up weighted rows', () => {
    const rows = [['a'], ['b'], ['a'], ['c']];
    const weights = new Int32Array([3, 2, 4, 0]);
    const classes = computeEquivalenceClasses(columnsOf(rows, 1), { weights });
    expect(classes.recordCount).to.equal(9);
    expect(Array.from(classes.classSizes)).to.deep.equal([7, 2]);
    expect(classes.classOfRecord[3]).to.equal(-1);
  });

  it('refuses columns of different lengths and masks of the wrong length', () => {
    const a = encodeColumn('a', ['1', '2']);
    const b = encodeColumn('b', ['1']);
    expect(() => computeEquivalenceClasses([a, b]))
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_length_mismatch');
    expect(() => computeEquivalenceClasses([a], { suppressed: new Uint8Array(3) }))
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_length_mismatch');
  });

  const shapes = [
    { desc: 'direct table', rows: 2000, width: 3, alphabet: 4, inflateTo: 0 },
    { desc: 'hash over Float64 keys', rows: 5000, width: 8, alphabet: 9, inflateTo: 0 },
    {
      desc: 'fold when the radix product passes 2^53',
      rows: 3000,
      width: 6,
      alphabet: 3,
      inflateTo: 2 ** 20,
    },
    {
      desc: 'pairwise fallback for gigantic dictionaries',
      rows: 3000,
      width: 4,
      alphabet: 5,
      inflateTo: 2 ** 45,
    },
  ];
  for (const shape of shapes) {
    for (const seed of [1, 2, 3]) {
      it(`matches the naive reference: ${shape.desc}, seed ${seed}`, () => {
        const rng = createRng(seed);
        const rows = Array.from({ length: shape.rows }, () =>
          Array.from({ length: shape.width }, () => String(rng.nextInt(shape.alphabet))),
        );
        const suppressed = new Uint8Array(shape.rows).map(() => (rng.nextInt(10) === 0 ? 1 : 0));
        let columns = columnsOf(rows, shape.width);
        if (shape.inflateTo > 0) columns = columns.map((c) => inflate(c, shape.inflateTo));
        const got = computeEquivalenceClasses(columns, { suppressed });
        const want = naiveClasses(rows, suppressed);
        expect(Array.from(got.classOfRecord)).to.deep.equal(want.classOf);
        expect(Array.from(got.classSizes)).to.deep.equal(want.sizes);
        expect(got.suppressedCount).to.equal(want.suppressedCount);
      });
    }
  }
});
