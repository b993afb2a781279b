import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/index.js';
import type { PrivacyCriteria } from '../../../src/core/search/index.js';
import { partitionMondrian, SearchError } from '../../../src/core/search/index.js';
import { buildIntervalHierarchy } from '../../../src/core/hierarchy/index.js';
import { encodeColumn } from '../../../src/core/table/index.js';
import { randomTable } from './random-table.js';

function distinctPerPartition(
  partitionOf: Int32Array,
  sensitive: readonly string[],
): Map<number, Set<string>> {
  const sets = new Map<number, Set<string>>();
  partitionOf.forEach((partition, row) => {
    const set = sets.get(partition) ?? new Set<string>();
    set.add(sensitive[row]);
    sets.set(partition, set);
  });
  return sets;
}

describe('core/search/mondrian', () => {
  const cases: { desc: string; criteria: PrivacyCriteria }[] = [
    { desc: 'k=2', criteria: { k: 2 } },
    { desc: 'k=5', criteria: { k: 5 } },
    { desc: 'k=3 and distinct l=2', criteria: { k: 3, l: { model: 'distinct', l: 2 } } },
    { desc: 'entropy l=1.5', criteria: { l: { model: 'entropy', l: 1.5 } } },
  ];
  for (const seed of [11, 12, 13])
    for (const { desc, criteria } of cases) {
      it(`seed ${seed}, ${desc}: every partition meets the criteria and its recoding is uniform`, () => {
        const table = randomTable(createRng(seed), 120, 4);
        const result = partitionMondrian(table.input, { criteria });
        const sizes = new Map<number, number>();
        for (const partition of result.partitionOfRecord)
          sizes.set(partition, (sizes.get(partition) ?? 0) + 1);
        expect(sizes.size).to.equal(result.partitionCount);
        for (const size of sizes.values()) expect(size).to.be.at.least(criteria.k ?? 1);
        expect(result.minClassSize).to.equal(Math.min(...sizes.values()));
        const sensitive = table.naive.sensitive as string[];
        if (criteria.l !== undefined)
          for (const set of distinctPerPartition(result.partitionOfRecord, sensitive).values())
            expect(set.size).to.be.at.least(Math.ceil(criteria.l.l));
        // Released classes are exactly the partitions: each partition shows one QI vector.
        const classes = computeEquivalenceClasses(result.columns);
        expect(classes.classCount).to.be.at.most(result.partitionCount);
        for (const size of classes.classSizes) expect(size).to.be.at.least(criteria.k ?? 1);
        // Each recoded categorical label covers the record's original value.
        result.columns.forEach((column, j) => {
          const h = table.naive.hierarchies[j];
          table.naive.rows.forEach((row, r) => {
            const label = column.dictionary[column.codes[r]];
            if (label === '*') return;
            const leaf = h.leafIndex.get(row[j]) as number;
            const covers = h.levels.some(
              (labels, level) => labels[h.toLevel[level][leaf]] === label,
            );
            expect(covers, `${label} covers ${row[j]}`).to.equal(true);
          });
        });
      });
    }

  it('cuts numeric attributes at the median into ranges', () => {
    const ages = Array.from({ length: 40 }, (_, i) => String(20 + i));
    const column = encodeColumn('age', ages);
    const hierarchy = buildIntervalHierarchy(column.dictionary, { widths: [10, 20] });
    const result = partitionMondrian(
      { quasiIdentifiers: [{ column, hierarchy }] },
      { criteria: { k: 10 } },
    );
    expect(result.partitionCount).to.equal(4);
    expect([...result.columns[0].dictionary].sort()).to.deep.equal([
      '20-29',
      '30-39',
      '40-49',
      '50-59',
    ]);
    // loss: each range covers 10 of 40 leaves: (10 − 1)/(40 − 1)
    expect(result.value).to.be.closeTo(9 / 39, 1e-12);
  });

  it('refuses a table that fails the criteria as a whole', () => {
    const table = randomTable(createRng(14), 4, 2);
    expect(() => partitionMondrian(table.input, { criteria: { k: 5 } }))
      .to.throw(SearchError)
      .with.property('code', 'search_unsatisfiable');
  });
});
