import { expect } from 'chai';
import { parseHierarchy } from '../../../src/core/hierarchy/index.js';
import {
  checkPrivacyRequirements,
  measurePrivacy,
  PrivacyError,
} from '../../../src/core/privacy/index.js';
import type { PrivacyMeasurement } from '../../../src/core/privacy/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

/** 8 records: zip classes A (4), B (3), C (1); salary numeric, disease categorical. */
const ZIP = encodeColumn('zip', ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'C']);
const SALARY = encodeColumn('salary', ['3', '4', '5', '3', '6', '9', '9', '7']);
const DISEASE = encodeColumn('disease', [
  'flu',
  'flu',
  'gout',
  'ulcer',
  'flu',
  'gout',
  'ulcer',
  'flu',
]);

function measure(suppressed?: Uint8Array): PrivacyMeasurement {
  return measurePrivacy({
    quasiIdentifiers: [ZIP],
    sensitive: [{ column: SALARY }, { column: DISEASE }],
    suppressed,
    riskThreshold: 0.3,
  });
}

describe('core/privacy/measure-privacy', () => {
  it('measures several sensitive attributes against the same classes: l is the minimum, t the maximum', () => {
    const m = measure();
    expect([m.records, m.classes, m.k, m.largestClass, m.suppressed]).to.deep.equal([
      8, 3, 1, 4, 0,
    ]);
    const [salary, disease] = m.sensitive;
    expect(salary.tDistance).to.equal('ordered');
    expect(disease.tDistance).to.equal('equal');
    expect(salary.lDistinct).to.equal(1);
    expect(disease.lDistinct).to.equal(1);
    expect(m.l).to.equal(1);
    expect(m.t).to.equal(Math.max(salary.t, disease.t));
    expect(salary.distinctValues).to.equal(6);
    // class C is one record: risk 1; A (1/4) is below 0.3, B (1/3) above
    expect(m.risk.prosecutor.recordsAtRisk).to.equal(4 / 8);
    expect(m.risk.sampleUniques).to.equal(1 / 8);
    expect(m.populationUniqueness).to.equal(null);
    expect(m.gbt42460.level).to.equal('L2');
  });

  it('excludes suppressed records from classes, p and risk', () => {
    const m = measure(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]));
    expect([m.records, m.classes, m.k, m.suppressed]).to.deep.equal([8, 2, 3, 1]);
    // disease over the 7 released records: flu 3, gout 2, ulcer 2; class B = {flu, gout, ulcer}
    const disease = m.sensitive[1];
    expect(disease.lDistinct).to.equal(3);
    const p = { flu: 3 / 7, gout: 2 / 7, ulcer: 2 / 7 };
    const tA =
      0.5 * (Math.abs(p.flu - 2 / 4) + Math.abs(p.gout - 1 / 4) + Math.abs(p.ulcer - 1 / 4));
    const tB =
      0.5 * (Math.abs(p.flu - 1 / 3) + Math.abs(p.gout - 1 / 3) + Math.abs(p.ulcer - 1 / 3));
    expect(disease.t).to.be.closeTo(Math.max(tA, tB), 1e-15);
    expect(m.risk.prosecutor.average).to.equal(2 / 7);
  });

  it('every record suppressed: nothing released, every figure 0', () => {
    const m = measure(new Uint8Array(8).fill(1));
    expect([m.classes, m.k, m.suppressed, m.l, m.t]).to.deep.equal([0, 0, 8, 0, 0]);
    expect(m.sensitive[0].recursive.cThreshold).to.equal(0);
    expect(m.risk.prosecutor.highest).to.equal(0);
  });

  it('honours a stated distance and needs a hierarchy for the hierarchical one', () => {
    const hierarchy = parseHierarchy('flu;respiratory;*\ngout;other;*\nulcer;other;*');
    const m = measurePrivacy({
      quasiIdentifiers: [ZIP],
      sensitive: [{ column: DISEASE, distance: 'hierarchical', hierarchy }],
    });
    expect(m.sensitive[0].tDistance).to.equal('hierarchical');
    expect(m.sensitive[0].t).to.be.within(0, 1);
    expect(() =>
      measurePrivacy({
        quasiIdentifiers: [ZIP],
        sensitive: [{ column: DISEASE, distance: 'hierarchical' }],
      }),
    )
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_invalid_parameter');
  });

  it('uses the stated recursive l and reports an unsatisfiable c as null', () => {
    const m = measurePrivacy({
      quasiIdentifiers: [ZIP],
      sensitive: [{ column: DISEASE, recursiveL: 3 }],
    });
    expect(m.sensitive[0].recursive).to.deep.equal({ l: 3, cThreshold: null });
  });

  it('adds the Zayatz estimate when a sampling fraction is given', () => {
    const m = measurePrivacy({ quasiIdentifiers: [ZIP], samplingFraction: 0.5 });
    expect(m.populationUniqueness?.populationSize).to.equal(16);
    expect(m.populationUniqueness?.populationUniques).to.be.greaterThan(0);
  });

  it('passes the GB/T 42460 context and probabilities through', () => {
    const zip = encodeColumn('zip', ['A', 'A', 'A', 'B', 'B', 'B']);
    const m = measurePrivacy({
      quasiIdentifiers: [zip],
      gbt42460: {
        context: 'enclave',
        probabilities: { deliberateAttempt: 0.1, inadvertentAttempt: 0.1, breach: 0.1 },
      },
    });
    expect(m.gbt42460).to.deep.include({
      context: 'enclave',
      Ra: 0,
      pr: 0.1,
      level: 'L3',
      pass: true,
    });
    expect(m.gbt42460.R).to.be.closeTo(1 / 30, 1e-15);
  });
});

describe('core/privacy/model-checks', () => {
  const zip = encodeColumn('zip', ['A', 'A', 'A', 'B', 'B', 'B']);
  const dx = encodeColumn('dx', ['x', 'y', 'z', 'x', 'y', 'z']);
  const m = measurePrivacy({
    quasiIdentifiers: [zip],
    sensitive: [{ column: dx, recursiveL: 2 }],
    riskThreshold: 0.5,
  });

  const cases = [
    { desc: 'k met exactly', req: { k: 3 }, want: [['k-anonymity', true]] },
    { desc: 'k missed', req: { k: 4 }, want: [['k-anonymity', false]] },
    {
      desc: 'entropy l = 3 exactly (exp(ln 3) rounding tolerated)',
      req: { l: [{ attribute: 'dx', model: 'entropy' as const, l: 3 }] },
      want: [['entropy-l-diversity', true]],
    },
    {
      desc: 'distinct l = 4 missed',
      req: { l: [{ attribute: 'dx', model: 'distinct' as const, l: 4 }] },
      want: [['distinct-l-diversity', false]],
    },
    // each class x, y, z once: c_threshold = 1/(1+1) = 0.5; c = 0.5 fails (strict), 0.51 passes
    {
      desc: 'recursive c at the threshold fails',
      req: { l: [{ attribute: 'dx', model: 'recursive' as const, l: 2, c: 0.5 }] },
      want: [['recursive-cl-diversity', false]],
    },
    {
      desc: 'recursive c above the threshold passes',
      req: { l: [{ attribute: 'dx', model: 'recursive' as const, l: 2, c: 0.51 }] },
      want: [['recursive-cl-diversity', true]],
    },
    {
      desc: 't = 0 within any bound',
      req: { t: [{ attribute: 'dx', t: 0 }] },
      want: [['t-closeness', true]],
    },
    {
      desc: 'δ must be strictly below',
      req: { delta: [{ attribute: 'dx', delta: 0 }] },
      want: [['delta-disclosure', false]],
    },
    {
      desc: 'prosecutor risk 1/3 within 1/3',
      req: { maxProsecutorRisk: 1 / 3 },
      want: [['prosecutor-risk', true]],
    },
    {
      desc: 'records at risk 0 within 0',
      req: { maxRecordsAtRisk: 0 },
      want: [['records-at-risk', true]],
    },
  ];
  for (const { desc, req, want } of cases) {
    it(desc, () => {
      const checks = checkPrivacyRequirements(m, req);
      // the GB/T 42460 gate is always appended last
      expect(checks.at(-1)?.model).to.equal('gbt42460');
      expect(checks.slice(0, -1).map((c) => [c.model, c.pass])).to.deep.equal(want);
    });
  }

  it('refuses requirements on attributes that were not measured, and recursive without c', () => {
    expect(() => checkPrivacyRequirements(m, { t: [{ attribute: 'salary', t: 0.2 }] }))
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_unknown_column');
    expect(() =>
      checkPrivacyRequirements(m, { l: [{ attribute: 'dx', model: 'recursive', l: 2 }] }),
    )
      .to.throw(PrivacyError)
      .with.property('code', 'privacy_invalid_parameter');
  });
});
