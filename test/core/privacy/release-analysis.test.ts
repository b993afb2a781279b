// Each analysis figure against a naive oracle (plain arrays, pairwise loops, the definition as
// written), on seeded random tables, plus the cases the issue names.
import { expect } from 'chai';
import {
  analyzeRelease,
  categoricalStatistics,
  earthMoversDistance,
  HIGH_T_CLOSENESS,
  meanAbsoluteChange,
  measureDistinctionSeparation,
  measureMarginalDistance,
  numberOfCell,
  numericStatistics,
  numberRuns,
  numericStatisticsOfRuns,
  QUANTILE_LEVELS,
  type NumberRuns,
} from '../../../src/core/privacy/index.js';
import { createRng } from '../../../src/core/rng.js';
import { computeEquivalenceClasses } from '../../../src/core/privacy/equivalence-classes.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

const close = (a: number | null, b: number, what: string) =>
  expect(a, what).to.be.closeTo(b, 1e-9 * Math.max(1, Math.abs(b)));

/** Quantile by the definition (type 7): h = (n−1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). */
function naiveQuantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]);
}

/** W1 as ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du, summed over the pieces where both inverse CDFs are constant. */
function naiveEmd(a: number[], b: number[], range: number): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  const cuts = [
    ...new Set([...x.map((_, i) => i / x.length), ...y.map((_, j) => j / y.length), 1]),
  ].sort((p, q) => p - q);
  let total = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const mid = (cuts[c] + cuts[c + 1]) / 2;
    const inverse = (s: number[]) => s[Math.min(s.length - 1, Math.floor(mid * s.length))];
    total += Math.abs(inverse(x) - inverse(y)) * (cuts[c + 1] - cuts[c]);
  }
  return total / range;
}

/** Separation by every pair of rows; distinction by a set of joined values. */
function naiveDistinctionSeparation(rows: string[][]): { distinction: number; separation: number } {
  const n = rows.length;
  let differ = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (rows[i].join('\u0000') !== rows[j].join('\u0000')) differ++;
  return {
    distinction: new Set(rows.map((r) => r.join('\u0000'))).size / n,
    separation: differ / ((n * (n - 1)) / 2),
  };
}

function randomTable(seed: number, n: number) {
  const rng = createRng(seed);
  const cost = Array.from({ length: n }, () => Math.round(rng.next() * 100000) / 100);
  const rounded = cost.map((c) => String(Math.round(c / 10) * 10));
  const sex = Array.from({ length: n }, () => (rng.next() < 0.5 ? 'F' : 'M'));
  const zone = Array.from({ length: n }, () => ['A', 'B', 'C', 'D'][Math.floor(rng.next() * 4)]);
  return { cost, rounded, sex, zone };
}

/** The sample the runs stand for, one number per row, ascending. */
function expandRuns({ values, ends }: NumberRuns): number[] {
  const out: number[] = [];
  values.forEach((value, run) => {
    while (out.length < ends[run]) out.push(value);
  });
  return out;
}

/** The analysis of a random cost released rounded to 10 yuan, with sex as the quasi-identifier. */
function analyzeRoundedCost(
  seed: number,
  rows: number,
  options: { suppressed?: Uint8Array; histogramBins?: number } = {},
) {
  const { cost, rounded, sex } = randomTable(seed, rows);
  const original = encodeColumn('cost_yuan', cost.map(String));
  const released = encodeColumn('cost_yuan', rounded);
  const analysis = analyzeRelease({
    pairs: [{ original, released }],
    quasiIdentifiers: [{ original: encodeColumn('sex', sex), released: encodeColumn('sex', sex) }],
    constantColumns: [],
    tCloseness: [],
    riskThreshold: 0.05,
    ...options,
  });
  return { cost, rounded, original, released, analysis };
}

describe('core/privacy release analysis (against naive oracles)', () => {
  for (const seed of [1, 2, 3]) {
    const n = 120 + seed * 37;
    const { cost, rounded, sex, zone } = randomTable(seed, n);

    it(`numeric statistics match the definitions (seed ${seed})`, () => {
      const stats = numericStatistics(encodeColumn('cost', cost));
      const mean = cost.reduce((s, v) => s + v, 0) / n;
      close(stats.mean, mean, 'mean');
      close(stats.deviation, Math.sqrt(cost.reduce((s, v) => s + (v - mean) ** 2, 0) / n), 'sd');
      QUANTILE_LEVELS.forEach((p, i) => close(stats.quantiles[i], naiveQuantile(cost, p), `q${p}`));
    });

    it(`entropy and distinct values match counting by a Map (seed ${seed})`, () => {
      const counts = new Map<string, number>();
      for (const z of zone) counts.set(z, (counts.get(z) ?? 0) + 1);
      let entropy = 0;
      for (const c of counts.values()) entropy -= (c / n) * Math.log2(c / n);
      const stats = categoricalStatistics(encodeColumn('zone', zone));
      expect(stats.distinct).to.equal(counts.size);
      close(stats.entropyBits, entropy, 'entropy');
    });

    it(`earth mover's distance and mean absolute change match the inverse-CDF integral and a row loop (seed ${seed})`, () => {
      const rng = createRng(seed + 100);
      const other = cost.filter(() => rng.next() < 0.8).map((c) => c + rng.next() * 50 - 10);
      const runs = (v: number[]) => numberRuns(encodeColumn('v', v.map(String)));
      close(earthMoversDistance(runs(cost), runs(other), 100), naiveEmd(cost, other, 100), 'emd');
      const released = rounded.map(Number);
      const change = cost.reduce((s, c, i) => s + Math.abs(released[i] - c), 0) / n / 500;
      close(
        meanAbsoluteChange(encodeColumn('c', cost), encodeColumn('c', rounded), 500, {
          low: 0,
          high: 1000,
        }),
        change,
        'mean absolute change',
      );
    });

    it(`distinction and separation match the pairwise definition (seed ${seed})`, () => {
      const columns = [encodeColumn('sex', sex), encodeColumn('zone', zone)];
      const set = measureDistinctionSeparation(columns);
      const naive = naiveDistinctionSeparation(sex.map((s, i) => [s, zone[i]]));
      close(set.distinction, naive.distinction, 'distinction');
      close(set.separation, naive.separation, 'separation');
      const one = measureDistinctionSeparation([columns[1]]);
      close(one.separation, naiveDistinctionSeparation(zone.map((z) => [z])).separation, 'zone');
    });
  }

  it("holds the numbers of the rows kept as sorting every row's number does, and adds them up as that sorted list does", () => {
    const cells = ['5', '5.0', '*', '', '-0', '0', '30-39', '[30, 39]', '<20', '2.5', 'x', '5'];
    const rng = createRng(11);
    const rows = Array.from({ length: 500 }, () => cells[Math.floor(rng.next() * cells.length)]);
    const excluded = Uint8Array.from(rows, (_, i) => (i % 4 === 1 ? 1 : 0));
    const bounds = { low: 1, high: 90 };
    const naive = rows
      .filter((_, i) => excluded[i] === 0)
      .map((cell) => numberOfCell(cell, bounds))
      .filter((value) => !Number.isNaN(value))
      .map((value) => value + 0) // "-0" counts as 0
      .sort((a, b) => a - b);
    const runs = numberRuns(encodeColumn('v', rows), bounds, excluded);
    expect(expandRuns(runs)).to.deep.equal(naive);
    // The same figures to the bit as the loops over the sorted numbers one by one.
    const mean = naive.reduce((sum, value) => sum + value, 0) / naive.length;
    const squares = naive.reduce((sum, value) => sum + (value - mean) * (value - mean), 0);
    expect(numericStatisticsOfRuns(runs)).to.include({
      count: naive.length,
      mean,
      deviation: Math.sqrt(squares / naive.length),
    });
  });

  for (const seed of [5, 6])
    it(`counts histogram bins as placing each value in its bin one by one does (seed ${seed})`, () => {
      const suppressed = Uint8Array.from({ length: 700 }, (_, i) => (i % 5 === 0 ? 1 : 0));
      const { cost, rounded, analysis } = analyzeRoundedCost(seed, 700, {
        suppressed,
        histogramBins: 7,
      });
      const column = analysis.columns[0];
      if (column.kind !== 'numeric') throw new Error('cost_yuan is numeric');
      const { edges } = column.histogram;
      const [low, high] = [edges[0], edges[edges.length - 1]];
      const tally = (values: number[]) => {
        const counts = new Array<number>(7).fill(0);
        for (const value of values)
          counts[Math.min(6, Math.max(0, Math.floor(((value - low) / (high - low)) * 7)))]++;
        return counts;
      };
      expect(column.histogram.before).to.deep.equal(tally(cost));
      expect(column.histogram.after).to.deep.equal(
        tally(rounded.filter((_, i) => suppressed[i] === 0).map(Number)),
      );
    });

  it('gives the same analysis from the released class sizes the caller measured', () => {
    const { cost, rounded, sex, zone } = randomTable(7, 400);
    const suppressed = Uint8Array.from(cost, (_, i) => (i % 9 === 0 ? 1 : 0));
    const quasi = [
      { original: encodeColumn('sex', sex), released: encodeColumn('sex', sex) },
      { original: encodeColumn('cost', cost.map(String)), released: encodeColumn('cost', rounded) },
      { original: encodeColumn('zone', zone), released: encodeColumn('zone', zone) },
    ];
    const input = {
      pairs: quasi.map((q) => ({ original: q.original, released: q.released })),
      quasiIdentifiers: quasi,
      constantColumns: [],
      tCloseness: [],
      suppressed,
      riskThreshold: 0.05,
    };
    const classes = computeEquivalenceClasses(
      quasi.map((q) => q.released),
      { suppressed },
    );
    expect(analyzeRelease({ ...input, releasedClassSizes: classes.classSizes })).to.deep.equal(
      analyzeRelease(input),
    );
  });

  it('measures a cost rounded to 10 yuan on its scale, where total variation says it all changed', () => {
    const { original, released, analysis } = analyzeRoundedCost(9, 400);
    expect(measureMarginalDistance(original, released)).to.be.greaterThan(0.95);
    const column = analysis.columns[0];
    expect(column.kind).to.equal('numeric');
    if (column.kind !== 'numeric') return;
    expect(column.emd).to.be.lessThan(0.01);
    expect(column.meanAbsoluteChange).to.be.lessThan(0.01);
    expect(column.histogram.before.reduce((s, c) => s + c, 0)).to.equal(400);
    expect(column.histogram.after.reduce((s, c) => s + c, 0)).to.equal(400);
  });

  it('reads generalized intervals at their midpoint, open ends bounded by the original extremes', () => {
    const bounds = { low: 18, high: 90 };
    expect(numberOfCell('30-39', bounds)).to.equal(34.5);
    expect(numberOfCell('[30, 40)', bounds)).to.equal(35);
    expect(numberOfCell('<40', bounds)).to.equal(29);
    expect(numberOfCell('>=65', bounds)).to.equal(77.5);
    expect(Number.isNaN(numberOfCell('30-39'))).to.equal(true);
    expect(Number.isNaN(numberOfCell('*', bounds))).to.equal(true);
  });

  it('gives risk before and after side by side, as k and class counts by a Map give them', () => {
    const { sex, zone } = randomTable(4, 300);
    const original = [encodeColumn('sex', sex), encodeColumn('zone', zone)];
    const generalized = encodeColumn(
      'zone',
      zone.map((z) => (z < 'C' ? 'AB' : 'CD')),
    );
    const analysis = analyzeRelease({
      pairs: [],
      quasiIdentifiers: [
        { original: original[0], released: original[0] },
        { original: original[1], released: generalized },
      ],
      constantColumns: [],
      tCloseness: [],
      riskThreshold: 0.05,
    });
    const classes = (keys: string[]) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const before = classes(sex.map((s, i) => s + zone[i]));
    const after = classes(sex.map((s, i) => s + (zone[i] < 'C' ? 'AB' : 'CD')));
    expect(analysis.risk.before).to.include({
      classes: before.size,
      k: Math.min(...before.values()),
    });
    expect(analysis.risk.after).to.include({ classes: after.size, k: Math.min(...after.values()) });
    close(analysis.risk.after.prosecutor.highest, 1 / Math.min(...after.values()), 'highest');
    expect(analysis.quasiIdentifiers.set.after.distinction).to.equal(after.size / 300);
  });

  it('flags a released column that became constant and a high t-closeness', () => {
    const district = encodeColumn('district', ['和平区', '河西区', '南开区', '河东区']);
    const allTianjin = encodeColumn('district', ['天津市', '天津市', '天津市', '天津市']);
    const analysis = analyzeRelease({
      pairs: [{ original: district, released: allTianjin }],
      quasiIdentifiers: [{ original: district, released: allTianjin }],
      constantColumns: ['visit_date'],
      tCloseness: [
        { name: 'diagnosis', t: HIGH_T_CLOSENESS + 0.1 },
        { name: 'department', t: HIGH_T_CLOSENESS - 0.1 },
      ],
      riskThreshold: 0.05,
    });
    expect(analysis.columns[0].becameConstant).to.equal(true);
    expect(analysis.flags).to.deep.equal([
      { kind: 'constant_column', column: 'visit_date' },
      { kind: 'constant_column', column: 'district' },
      { kind: 'high_t_closeness', column: 'diagnosis', value: HIGH_T_CLOSENESS + 0.1 },
    ]);
  });
});
