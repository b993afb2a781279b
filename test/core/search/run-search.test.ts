// runSearch is the whole `anonex search` minus the files: it must give what the steps it composes
// give when called one by one, time only the search on the injected clock, and name the table in
// its errors.
import { expect } from 'chai';
import type { Clock } from '../../../src/core/clock.js';
import { buildIntervalHierarchy, parseHierarchy } from '../../../src/core/hierarchy/index.js';
import {
  computeEquivalenceClasses,
  measureHierarchyUtility,
  measurePrivacyOfClasses,
} from '../../../src/core/privacy/index.js';
import type {
  HierarchySource,
  PrivacyCriteria,
  SearchRunRequest,
} from '../../../src/core/search/index.js';
import {
  applyTransformation,
  partitionMondrian,
  prepareSearch,
  runSearch,
  SearchError,
  searchLatticeSync,
} from '../../../src/core/search/index.js';
import { decodeColumn, encodeColumn, toColumnTable } from '../../../src/core/table/index.js';

const ZIP_HIERARCHY =
  '13053;1305*;130**;*\n13068;1306*;130**;*\n14853;1485*;148**;*\n14850;1485*;148**;*\n';
const ROWS = [
  ['23', '13053', 'flu', 'a'],
  ['27', '13068', 'cold', 'b'],
  ['28', '13068', 'flu', 'c'],
  ['21', '13053', 'cancer', 'd'],
  ['52', '14853', 'flu', 'e'],
  ['56', '14853', 'cold', 'f'],
  ['57', '14850', 'cancer', 'g'],
  ['51', '14850', 'flu', 'h'],
  ['35', '13053', 'cold', 'i'],
  ['36', '13068', 'cancer', 'j'],
  ['33', '13068', 'flu', 'k'],
  ['31', '13053', 'cold', 'l'],
];
const HEADER = ['age', 'zip', 'diagnosis', 'note'];
const table = toColumnTable(
  HEADER,
  HEADER.map((_, j) => ROWS.map((row) => row[j])),
);
const BANDS: HierarchySource = { kind: 'bands', widths: [10, 20] };
const ZIP: HierarchySource = { kind: 'arx', text: ZIP_HIERARCHY };

/** A clock that moves `stepMs` each time it is read: elapsed time counts the reads in between. */
function steppingClock(stepMs: number): Clock {
  let now = 1000;
  return { nowMs: () => (now += stepMs) };
}

function request(overrides: Partial<SearchRunRequest> = {}): SearchRunRequest {
  return {
    table,
    tableName: 'patients.csv',
    quasiIdentifiers: [
      { name: 'zip', hierarchy: ZIP },
      { name: 'age', hierarchy: BANDS },
    ],
    sensitive: 'diagnosis',
    criteria: { k: 3, l: { model: 'distinct', l: 2 } },
    method: 'optimal',
    metric: 'loss',
    suppressionLimit: 0,
    clock: steppingClock(5),
    ...overrides,
  };
}

/** The steps runSearch composes, called one by one on the same table. */
function stepByStep() {
  const zip = encodeColumn(
    'zip',
    ROWS.map((row) => row[1]),
  );
  const age = encodeColumn(
    'age',
    ROWS.map((row) => row[0]),
  );
  const diagnosis = encodeColumn(
    'diagnosis',
    ROWS.map((row) => row[2]),
  );
  const quasiIdentifiers = [
    { column: zip, hierarchy: parseHierarchy(ZIP_HIERARCHY) },
    { column: age, hierarchy: buildIntervalHierarchy(age.dictionary, { widths: [10, 20] }) },
  ];
  return { input: { quasiIdentifiers, sensitive: diagnosis }, diagnosis };
}

describe('core/search/run-search', () => {
  it('optimal: the outcome, measurement and released table of the steps called one by one', async () => {
    const criteria: PrivacyCriteria = { k: 3, l: { model: 'distinct', l: 2 } };
    const run = await runSearch(request({ criteria }));
    const { input, diagnosis } = stepByStep();
    const prepared = prepareSearch(input);
    const outcome = searchLatticeSync(prepared, { criteria, metric: 'loss' });
    if (run.method !== 'optimal') throw new Error('want an optimal run');
    expect(run.outcome).to.deep.equal(outcome);
    expect([run.quasiIdentifiers, run.records]).to.deep.equal([['zip', 'age'], 12]);

    const applied = applyTransformation(prepared, outcome.levels as number[], criteria);
    const classes = computeEquivalenceClasses(applied.columns, { suppressed: applied.suppressed });
    expect(run.measurement?.privacy).to.deep.equal(
      measurePrivacyOfClasses(classes, {
        quasiIdentifiers: applied.columns,
        sensitive: [{ column: diagnosis, recursiveL: 2 }],
        suppressed: applied.suppressed,
      }),
    );
    expect(run.measurement?.utility).to.deep.equal(
      measureHierarchyUtility(
        applied.columns.map((column, j) => ({
          released: column,
          hierarchy: input.quasiIdentifiers[j].hierarchy,
          level: (outcome.levels as number[])[j],
        })),
        applied.suppressed,
      ),
    );

    const released = run.releasedTable?.();
    expect(released?.columnNames()).to.deep.equal(HEADER);
    expect(Array.from(released?.array('zip') as ArrayLike<unknown>)).to.deep.equal(
      decodeColumn(applied.columns[0]),
    );
    expect(Array.from(released?.array('age') as ArrayLike<unknown>)).to.deep.equal(
      decodeColumn(applied.columns[1]),
    );
    // Columns that are not quasi-identifiers pass through unchanged.
    expect(Array.from(released?.array('note') as ArrayLike<unknown>)).to.deep.equal(
      ROWS.map((row) => row[3]),
    );
  });

  it('mondrian: the partitioning of the steps, measured without hierarchy utility', async () => {
    const criteria: PrivacyCriteria = { k: 4 };
    const run = await runSearch(request({ criteria, method: 'mondrian', sensitive: undefined }));
    const { input } = stepByStep();
    const partitioning = partitionMondrian(
      { quasiIdentifiers: input.quasiIdentifiers },
      { criteria, metric: 'loss' },
    );
    if (run.method !== 'mondrian') throw new Error('want a Mondrian run');
    expect(run.partitioning).to.deep.equal(partitioning);
    expect(run.measurement?.utility).to.equal(null);
    expect(run.measurement?.privacy.k).to.equal(partitioning.minClassSize);
    expect(run.measurement?.privacy.suppressed).to.equal(0);
    expect(run.releasedTable?.().numRows()).to.equal(12);
  });

  it('nothing to release when no transformation meets the criteria', async () => {
    const run = await runSearch(request({ criteria: { k: 13 } }));
    if (run.method !== 'optimal') throw new Error('want an optimal run');
    expect(run.outcome.levels).to.equal(null);
    expect([run.measurement, run.releasedTable]).to.deep.equal([null, null]);
  });

  it('times the search alone on the injected clock', async () => {
    // Read once before and once after the search: one step of the clock.
    const run = await runSearch(request({ clock: steppingClock(7) }));
    expect(run.elapsedMs).to.equal(7);
  });

  it('reports the lattice search progress and honours an aborted signal', async () => {
    const seen: number[] = [];
    await runSearch(request({ onProgress: (progress) => seen.push(progress.settled) }));
    expect(seen.length).to.be.greaterThan(0);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await runSearch(request({ signal: controller.signal })).catch(
      (error: unknown) => error,
    );
    expect((cancelled as SearchError).code).to.equal('search_cancelled');
  });

  it('names the table and the column when a column is missing', async () => {
    for (const missing of [
      { quasiIdentifiers: [{ name: 'zipcode', hierarchy: ZIP }] },
      { sensitive: 'disease' },
    ]) {
      const error = await runSearch(request(missing)).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(SearchError);
      const column = 'sensitive' in missing ? 'disease' : 'zipcode';
      expect((error as SearchError).message).to.equal(
        `patients.csv has no column ${JSON.stringify(column)}`,
      );
      expect((error as SearchError).details).to.deep.equal({ column });
    }
  });
});
