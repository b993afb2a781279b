import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/index.js';
import type { PrivacyCriteria, SearchMetric } from '../../../src/core/search/index.js';
import {
  SearchError,
  searchGeneralization,
  searchGeneralizationSync,
  SUPPRESSED_VALUE,
} from '../../../src/core/search/index.js';
import { evaluateNaive, searchNaive } from './naive-search.js';
import { randomTable } from './random-table.js';

const METRICS: readonly SearchMetric[] = ['loss', 'dm', 'aecs', 'precision'];

const CRITERIA: readonly { desc: string; criteria: PrivacyCriteria }[] = [
  { desc: 'k=2', criteria: { k: 2 } },
  { desc: 'k=3', criteria: { k: 3 } },
  { desc: 'k=5', criteria: { k: 5 } },
  { desc: 'k=2 + distinct l=2', criteria: { k: 2, l: { model: 'distinct', l: 2 } } },
  { desc: 'entropy l=1.8', criteria: { l: { model: 'entropy', l: 1.8 } } },
  { desc: 'recursive (c=2, l=2)', criteria: { k: 2, l: { model: 'recursive', l: 2, c: 2 } } },
  { desc: 't=0.3 equal', criteria: { k: 2, t: { t: 0.3, distance: 'equal' } } },
  { desc: 't=0.25 ordered', criteria: { t: { t: 0.25, distance: 'ordered' } } },
  { desc: 'prosecutor risk 0.34', criteria: { prosecutorRiskThreshold: 0.34 } },
  {
    desc: 'GB/T 42460 enclave',
    criteria: { gbt42460: { context: 'enclave', riskThreshold: 0.2 } },
  },
  {
    desc: 'GB/T 42460 data-use agreement',
    criteria: {
      gbt42460: {
        context: 'data-use-agreement',
        riskThreshold: 0.1,
        probabilities: { deliberateAttempt: 0.3, inadvertentAttempt: 0.2, breach: 0.1 },
      },
    },
  },
];

describe('core/search/optimal-search against the exhaustive oracle', function () {
  this.timeout(60_000);
  const seeds = [1, 2, 3, 4];
  for (const seed of seeds)
    for (const suppressionLimit of [0, 0.1, 0.3])
      for (const metric of METRICS) {
        it(`seed ${seed}, ${suppressionLimit * 100}% suppression, ${metric}: every criterion`, () => {
          const rng = createRng(seed * 7919 + Math.round(suppressionLimit * 100));
          const table = randomTable(rng, 24 + rng.nextInt(30), 3 + rng.nextInt(2));
          for (const { desc, criteria } of CRITERIA) {
            const want = searchNaive(table.naive, criteria, suppressionLimit, metric);
            const { outcome, transformation } = searchGeneralizationSync(table.input, {
              criteria,
              suppressionLimit,
              metric,
            });
            const where = `${desc}: search ${JSON.stringify(outcome.levels)} oracle ${JSON.stringify(want?.levels)}`;
            if (want === null) {
              expect(outcome.levels, where).to.equal(null);
              continue;
            }
            expect(outcome.levels, where).to.deep.equal(want.levels);
            expect(outcome.value, where).to.be.closeTo(want.value, 1e-9 * Math.max(1, want.value));
            expect(outcome.suppressedCount, where).to.equal(want.suppressed);
            expect(outcome.classCount, where).to.equal(want.classes);
            expect(
              outcome.checked + outcome.prunedByMonotonicity + outcome.prunedByBound,
              where,
            ).to.equal(outcome.latticeSize);
            expect(outcome.suppressedCount, where).to.be.at.most(
              Math.floor(suppressionLimit * table.naive.rows.length + 1e-9),
            );
            expect(transformation?.suppressedCount, where).to.equal(want.suppressed);
          }
        });
      }

  it('never checks a node it could have pruned at 0 % (k without suppression): fewer checks than nodes', () => {
    const table = randomTable(createRng(99), 200, 5);
    const { outcome } = searchGeneralizationSync(table.input, {
      criteria: { k: 3 },
      metric: 'loss',
    });
    expect(outcome.checked).to.be.below(outcome.latticeSize);
    expect(outcome.levels).to.deep.equal(searchNaive(table.naive, { k: 3 }, 0, 'loss')?.levels);
  });
});

describe('core/search/apply-transformation', () => {
  it('suppresses exactly the violating classes and writes * in their QI cells', () => {
    const table = randomTable(createRng(5), 60, 3);
    const { outcome, transformation } = searchGeneralizationSync(table.input, {
      criteria: { k: 4 },
      suppressionLimit: 0.2,
      metric: 'loss',
    });
    expect(transformation).to.not.equal(null);
    const applied = transformation!;
    let suppressed = 0;
    for (let row = 0; row < applied.suppressed.length; row++) {
      if (applied.suppressed[row] === 1) {
        suppressed++;
        for (const column of applied.columns)
          expect(column.dictionary[column.codes[row]]).to.equal(SUPPRESSED_VALUE);
      }
    }
    expect(suppressed).to.equal(outcome.suppressedCount);
    const classes = computeEquivalenceClasses(applied.columns, { suppressed: applied.suppressed });
    for (const size of classes.classSizes) expect(size).to.be.at.least(4);
    expect(classes.classCount).to.equal(outcome.classCount);
    // Non-suppressed cells hold the label of the chosen level.
    const naive = evaluateNaive(table.naive, outcome.levels as number[], { k: 4 }, 0.2, 'loss');
    expect(naive.suppressed).to.equal(suppressed);
    applied.columns.forEach((column, j) => {
      const h = table.naive.hierarchies[j];
      const level = (outcome.levels as number[])[j];
      table.naive.rows.forEach((row, r) => {
        if (applied.suppressed[r] === 0)
          expect(column.dictionary[column.codes[r]]).to.equal(
            h.levels[level][h.toLevel[level][h.leafIndex.get(row[j]) as number]],
          );
      });
    });
  });

  it('reports no transformation when nothing satisfies the criteria', () => {
    const table = randomTable(createRng(6), 10, 2, 1);
    const { outcome, transformation } = searchGeneralizationSync(table.input, {
      criteria: { l: { model: 'distinct', l: 2 } },
    });
    expect(outcome.levels).to.equal(null);
    expect(outcome.value).to.equal(null);
    expect(transformation).to.equal(null);
  });
});

describe('core/search cancellation and validation', () => {
  it('rejects with search_cancelled when the signal aborts, after reporting progress', async () => {
    const table = randomTable(createRng(7), 400, 6);
    const controller = new AbortController();
    let reports = 0;
    let caught: unknown;
    try {
      await searchGeneralization(table.input, {
        criteria: { k: 2, l: { model: 'entropy', l: 1.5 } },
        suppressionLimit: 0.5,
        metric: 'dm',
        sliceWork: 1,
        onProgress: () => {
          reports++;
          controller.abort();
        },
        signal: controller.signal,
      });
    } catch (error) {
      caught = error;
    }
    expect(reports).to.be.at.least(1);
    expect(caught).to.be.instanceOf(SearchError);
    expect((caught as SearchError).code).to.equal('search_cancelled');
  });

  it('refuses an already aborted signal before any work', async () => {
    const table = randomTable(createRng(8), 20, 2);
    let caught: unknown;
    try {
      await searchGeneralization(table.input, { criteria: { k: 2 }, signal: AbortSignal.abort() });
    } catch (error) {
      caught = error;
    }
    expect((caught as SearchError).code).to.equal('search_cancelled');
  });

  const invalid: { desc: string; options: Parameters<typeof searchGeneralizationSync>[1] }[] = [
    { desc: 'k = 0', options: { criteria: { k: 0 } } },
    { desc: 'suppression above 1', options: { criteria: { k: 2 }, suppressionLimit: 1.5 } },
    { desc: 'recursive l without c', options: { criteria: { l: { model: 'recursive', l: 2 } } } },
    { desc: 'an unknown metric', options: { criteria: { k: 2 }, metric: 'bogus' as SearchMetric } },
    { desc: 't above 1', options: { criteria: { t: { t: 2, distance: 'equal' } } } },
  ];
  for (const { desc, options } of invalid) {
    it(`refuses ${desc}`, () => {
      const table = randomTable(createRng(9), 20, 2);
      expect(() => searchGeneralizationSync(table.input, options))
        .to.throw(SearchError)
        .with.property('code', 'search_invalid_criteria');
    });
  }

  it('refuses l-diversity without a sensitive attribute', () => {
    const table = randomTable(createRng(10), 20, 2);
    expect(() =>
      searchGeneralizationSync(
        { quasiIdentifiers: table.input.quasiIdentifiers },
        { criteria: { l: { model: 'distinct', l: 2 } } },
      ),
    )
      .to.throw(SearchError)
      .with.property('code', 'search_invalid_criteria');
  });
});
