// Agreement with established tools on their own published fixtures (../shared/data/peers, see SOURCE.md):
// every figure is checked against a naive row-by-row reference kept here (Maps, no typed arrays),
// and the k and l that pycanon's and ARX's file names promise are asserted as known answers.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../src/core/table/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import type { DictionaryColumn } from '../../../src/core/table/dictionary-column.js';
import { measurePrivacy } from '../../../src/core/privacy/measure-privacy.js';
import type { PrivacyMeasurement } from '../../../src/core/privacy/measure-privacy.js';
import { ADULT_QUASI_IDENTIFIERS } from '../../helpers/adult.js';
import { requireSharedData } from '../../helpers/shared-data.js';

const PEERS = requireSharedData('peers');

interface Loaded {
  header: readonly string[];
  rows: string[][];
  column(name: string): DictionaryColumn;
}

function load(file: string): Loaded {
  const parsed = parseCsv(readFileSync(PEERS + file, 'utf8'));
  const rowCount = parsed.columns[0].length;
  const rows = Array.from({ length: rowCount }, (_, r) =>
    parsed.columns.map((column) => column[r]),
  );
  return {
    header: parsed.header,
    rows,
    column(name) {
      const index = parsed.header.indexOf(name);
      if (index < 0) throw new Error(`${file} has no column ${name}`);
      return encodeColumn(name, parsed.columns[index]);
    },
  };
}

/** Naive reference: classes as Map<joined QI strings, row indexes>, every figure by the definitions. */
function naive(table: Loaded, qi: string[], sa: string[], threshold: number) {
  const index = (name: string) => table.header.indexOf(name);
  const groups = new Map<string, number[]>();
  table.rows.forEach((row, r) => {
    const key = JSON.stringify(qi.map((name) => row[index(name)]));
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [r]);
    else members.push(r);
  });
  const sizes = [...groups.values()].map((rows) => rows.length);
  const n = table.rows.length;
  const sensitive = sa.map((name) => {
    const values = table.rows.map((row) => row[index(name)]);
    const p = new Map<string, number>();
    for (const v of values) p.set(v, (p.get(v) ?? 0) + 1 / n);
    const numeric = [...p.keys()].every((v) => v.trim() !== '' && !Number.isNaN(Number(v)));
    const ordered = [...p.keys()].sort((a, b) => Number(a) - Number(b));
    let l = Infinity;
    let minH = Infinity;
    let c = 0;
    let t = 0;
    let delta = 0;
    for (const rows of groups.values()) {
      const q = new Map<string, number>();
      for (const r of rows) q.set(values[r], (q.get(values[r]) ?? 0) + 1);
      const counts = [...q.values()].sort((a, b) => b - a);
      l = Math.min(l, q.size);
      minH = Math.min(
        minH,
        -counts.reduce((h, k) => h + (k / rows.length) * Math.log(k / rows.length), 0),
      );
      c =
        counts.length < 2
          ? Infinity
          : Math.max(c, counts[0] / counts.slice(1).reduce((a, b) => a + b, 0));
      let distance = 0;
      if (numeric) {
        let cumulative = 0;
        for (const v of ordered) {
          cumulative += (q.get(v) ?? 0) / rows.length - (p.get(v) ?? 0);
          distance += Math.abs(cumulative);
        }
        distance = ordered.length > 1 ? distance / (ordered.length - 1) : 0;
      } else {
        for (const [v, pv] of p) distance += 0.5 * Math.abs(pv - (q.get(v) ?? 0) / rows.length);
      }
      t = Math.max(t, distance);
      for (const [v, k] of q)
        delta = Math.max(delta, Math.abs(Math.log(k / rows.length / p.get(v)!)));
    }
    return {
      name,
      l,
      lEntropy: Math.exp(minH),
      c,
      t,
      delta,
      distance: numeric ? 'ordered' : 'equal',
    };
  });
  const atRisk = sizes.filter((f) => 1 / f > threshold).reduce((a, b) => a + b, 0);
  return {
    n,
    classes: groups.size,
    k: Math.min(...sizes),
    histogram: [...new Set(sizes)]
      .sort((a, b) => a - b)
      .map((size) => ({ size, classes: sizes.filter((f) => f === size).length })),
    sensitive,
    prosecutor: {
      highest: 1 / Math.min(...sizes),
      lowest: 1 / Math.max(...sizes),
      average: groups.size / n,
      recordsAtRisk: atRisk / n,
    },
    sampleUniques: sizes.filter((f) => f === 1).length / n,
  };
}

const ADULT_QI = ['age', 'education', 'occupation', 'relationship', 'sex', 'native-country'];
const STROKE_QI = [
  'gender',
  'age',
  'hypertension',
  'heart_disease',
  'ever_married',
  'work_type',
  'Residence_type',
  'smoking_status',
];
const DRUG_QI = ['Age', 'Sex', 'BP', 'Cholesterol', 'Na_to_K'];
const MATH_QI = ['Teacher', 'Gender', 'Ethnic', 'Freeredu', 'wesson'];
const ARX_QI = ADULT_QUASI_IDENTIFIERS.filter((name) => name !== 'salary-class');

/** `known`: what the tool that produced the file promises (k and l in pycanon's file names; ARX's k = 2 run). */
const CASES: {
  file: string;
  qi: string[];
  sa: string[];
  known: { k?: number; minK?: number; l?: number; classes?: number };
}[] = [
  { file: 'pycanon_adult_anonymized_3.csv', qi: ADULT_QI, sa: ['salary-class'], known: { k: 3 } },
  { file: 'pycanon_adult_anonymized_20.csv', qi: ADULT_QI, sa: ['salary-class'], known: { k: 20 } },
  {
    file: 'pycanon_adult_k10_anonymized_l2.csv',
    qi: ADULT_QI,
    sa: ['salary-class'],
    known: { k: 10, l: 2 },
  },
  { file: 'pycanon_drugs_k5.csv', qi: DRUG_QI, sa: ['Drug'], known: { k: 5 } },
  {
    file: 'pycanon_drugs_k5_anonymized_l3.csv',
    qi: DRUG_QI,
    sa: ['Drug'],
    known: { minK: 5, l: 3 },
  },
  { file: 'pycanon_stroke_k5.csv', qi: STROKE_QI, sa: ['stroke'], known: { k: 5 } },
  {
    file: 'pycanon_stroke_k5_anonymized_l2.csv',
    qi: STROKE_QI,
    sa: ['stroke'],
    known: { k: 5, l: 2 },
  },
  { file: 'pycanon_StudentsMath_Score_k5.csv', qi: MATH_QI, sa: ['Score'], known: { k: 5 } },
  {
    file: 'pycanon_StudentsMath_Score_k5_anonymized_l5.csv',
    qi: MATH_QI,
    sa: ['Score'],
    known: { k: 5, l: 5 },
  },
  {
    file: 'pycanon_hospital_anonymized.csv',
    qi: ['name', 'age', 'gender', 'city', 'religion'],
    sa: ['disease'],
    known: { k: 2, l: 1, classes: 5 },
  },
  {
    file: 'pycanon_airline_passenger_sat_k20.csv',
    qi: [
      'Gender',
      'Customer Type',
      'Age',
      'Type of Travel',
      'Class',
      'Flight Distance',
      'Departure Delay in Minutes',
      'Arrival Delay in Minutes',
    ],
    sa: ['satisfaction'],
    known: { k: 20 },
  },
  {
    file: 'arx_example7_2anon.csv',
    qi: ['age', 'gender', 'zipcode'],
    sa: [],
    known: { k: 2, classes: 3 },
  },
  { file: 'arx_adult_2anon.csv', qi: ARX_QI, sa: ['salary-class'], known: { minK: 2 } },
  { file: 'arx_adult.csv', qi: ARX_QI, sa: ['salary-class'], known: { k: 1 } },
  {
    file: 'sdcmicro_ldiversity_na.csv',
    qi: ['sex', 'occupation', 'ethnicity'],
    sa: ['sensitive'],
    known: { k: 2, l: 2, classes: 3 },
  },
  {
    file: 'sdcmicro_ldiversity_multi.csv',
    qi: ['key'],
    sa: ['sens1', 'sens2'],
    known: { k: 3, l: 2, classes: 1 },
  },
  {
    file: 'sdcmicro_calcrisks_nomissing.csv',
    qi: ['Var4', 'Var5', 'Var6'],
    sa: [],
    known: { k: 1, classes: 8 },
  },
];

function close(got: number | null, want: number, what: string): void {
  if (want === Infinity) expect(got, what).to.equal(null);
  else expect(got, what).to.be.closeTo(want, 1e-12);
}

describe('core/privacy against peer tools’ fixtures', () => {
  for (const { file, qi, sa, known } of CASES) {
    it(`${file}: every figure matches the naive reference and the tool's promise`, () => {
      const table = load(file);
      const threshold = 0.2;
      const got: PrivacyMeasurement = measurePrivacy({
        quasiIdentifiers: qi.map((name) => table.column(name)),
        sensitive: sa.map((name) => ({ column: table.column(name) })),
        riskThreshold: threshold,
      });
      const want = naive(table, qi, sa, threshold);
      expect(got.records).to.equal(want.n);
      expect(got.classes).to.equal(want.classes);
      expect(got.k).to.equal(want.k);
      expect(got.classSizeHistogram.map(({ size, classes }) => ({ size, classes }))).to.deep.equal(
        want.histogram,
      );
      for (const [i, s] of got.sensitive.entries()) {
        const w = want.sensitive[i];
        expect(s.lDistinct, `${s.name} l`).to.equal(w.l);
        close(s.lEntropy, w.lEntropy, `${s.name} entropy l`);
        close(s.recursive.cThreshold, w.c, `${s.name} c`);
        expect(s.tDistance).to.equal(w.distance);
        close(s.t, w.t, `${s.name} t`);
        close(s.deltaDisclosure, w.delta, `${s.name} delta`);
      }
      for (const key of ['highest', 'lowest', 'average', 'recordsAtRisk'] as const) {
        close(got.risk.prosecutor[key], want.prosecutor[key], `prosecutor ${key}`);
      }
      close(got.risk.sampleUniques, want.sampleUniques, 'sample uniques');
      if (known.k !== undefined) expect(got.k).to.equal(known.k);
      if (known.minK !== undefined) expect(got.k).to.be.at.least(known.minK);
      if (known.l !== undefined) expect(got.l).to.equal(known.l);
      if (known.classes !== undefined) expect(got.classes).to.equal(known.classes);
    });
  }

  it('pycanon hospital table: classes and δ by hand', () => {
    const table = load('pycanon_hospital_anonymized.csv');
    const got = measurePrivacy({
      quasiIdentifiers: ['name', 'age', 'gender', 'city', 'religion'].map((name) =>
        table.column(name),
      ),
      sensitive: [{ column: table.column('disease') }],
    });
    // (F, Kerala) 2, (F, Tamil Nadu) 2, (M, Karnataka) 3, (M, Kerala) 3, (M, Tamil Nadu) 3
    expect(got.classSizeHistogram).to.deep.equal([
      { size: 2, classes: 2, records: 4 },
      { size: 3, classes: 3, records: 9 },
    ]);
    // the worst ratio: 'No illness' is 1 of 13 overall but 1 of 3 among Karnataka men: δ = ln(13/3)
    expect(got.sensitive[0].deltaDisclosure).to.be.closeTo(Math.log(13 / 3), 1e-12);
    // Tamil Nadu men are all Cancer: distinct l = 1, so recursive (c,2) is unsatisfiable
    expect(got.sensitive[0].lDistinct).to.equal(1);
    expect(got.sensitive[0].recursive.cThreshold).to.equal(null);
  });

  const populations = [
    {
      sample: 'sample_drug_type_start0_step3.csv',
      population: 'pycanon_drug_type.csv',
      qi: ['Age', 'Sex', 'BP', 'Cholesterol'],
    },
    {
      sample: 'sample_arx_adult_start0_step10.csv',
      population: 'arx_adult.csv',
      qi: ['sex', 'age', 'race', 'marital-status'],
    },
  ];
  for (const { sample, population, qi } of populations) {
    it(`journalist and marketer risk of ${sample} within ${population} match the naive reference`, () => {
      const s = load(sample);
      const p = load(population);
      const threshold = 0.1;
      const got = measurePrivacy({
        quasiIdentifiers: qi.map((name) => s.column(name)),
        population: qi.map((name) => p.column(name)),
        riskThreshold: threshold,
      });
      const keyOf = (t: Loaded, row: string[]) =>
        JSON.stringify(qi.map((name) => row[t.header.indexOf(name)]));
      const F = new Map<string, number>();
      for (const row of p.rows) F.set(keyOf(p, row), (F.get(keyOf(p, row)) ?? 0) + 1);
      const f = new Map<string, number>();
      for (const row of s.rows) f.set(keyOf(s, row), (f.get(keyOf(s, row)) ?? 0) + 1);
      const n = s.rows.length;
      const pairs = [...f.entries()].map(([key, size]) => ({ size, F: F.get(key)! }));
      expect(pairs.every((pair) => pair.F >= pair.size)).to.equal(true);
      const marketer = pairs.reduce((sum, pair) => sum + pair.size / pair.F, 0) / n;
      const sumF = pairs.reduce((sum, pair) => sum + pair.F, 0);
      expect(got.risk.journalistModel).to.equal('population');
      close(got.risk.journalist.highest, 1 / Math.min(...pairs.map((pair) => pair.F)), 'highest');
      close(got.risk.journalist.lowest, 1 / Math.max(...pairs.map((pair) => pair.F)), 'lowest');
      close(
        got.risk.journalist.recordsAtRisk,
        pairs.filter((pair) => 1 / pair.F > threshold).reduce((a, pair) => a + pair.size, 0) / n,
        'at risk',
      );
      close(got.risk.marketer, marketer, 'marketer');
      close(got.risk.journalist.average, Math.max(f.size / sumF, marketer), 'average');
      expect(got.risk.journalist.highest).to.be.at.most(got.risk.prosecutor.highest);
    });
  }
});
