import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  parsePolicy,
  runPipeline,
  DeidError,
  describeRefusal,
  hierarchyFiles,
  toInputPlan,
  type PipelineResult,
} from '../../../src/core/deid/index.js';
import { readEncodedTable, readTable, toColumnTable } from '../../../src/core/table/index.js';
import { createRng } from '../../../src/core/rng.js';
import { computeResidentIdCheck, isCnName } from '../../../src/core/detect/index.js';

const TODAY = 20261127;

/** 40 patients in 2 districts × 2 sexes × ages 30–49: every (district, sex, age band of 20) class has 10. */
function hospital(rows = 40) {
  const rng = createRng(11);
  const ids: string[] = [];
  const names: string[] = [];
  const phones: string[] = [];
  const ages: string[] = [];
  const districts: string[] = [];
  const diagnoses: string[] = [];
  for (let i = 0; i < rows; i++) {
    const body = `12010${i % 2 ? 3 : 4}19${80 + (i % 10)}0${1 + (i % 9)}1${i % 10}${100 + i}`.slice(
      0,
      17,
    );
    ids.push(body + computeResidentIdCheck(body));
    names.push(['张伟', '王芳', '李娜', '刘洋', '陈静'][i % 5]);
    phones.push(`138${String(10000000 + rng.nextInt(89999999))}`);
    ages.push(String(30 + rng.nextInt(20)));
    districts.push(i % 2 ? '河西区' : '南开区');
    diagnoses.push(['高血压', '糖尿病', '哮喘'][i % 3]);
  }
  return toColumnTable(
    ['name', 'id_number', 'phone', 'age', 'district', 'diagnosis'],
    [names, ids, phones, ages, districts, diagnoses],
  );
}

const listing = `name: hospital
version: 1
mode: listing
columns:
  name:      { role: identifier, transform: drop }
  id_number: { role: identifier, transform: { derive: [sex] } }
  phone:     { role: identifier, transform: { mask: { keep_start: 3 } } }
  age:       { role: quasi, transform: { bands: { width: 20 } } }
  district:  { role: quasi }
  diagnosis: { role: sensitive }
privacy: { k: 5, l: { diagnosis: 2 }, suppression_limit: 0, context: enclave, attempt: { deliberate: 0.2, inadvertent: 0.1, breach: 0.1 } }
`;

const run = (policyText: string, table = hospital(), seed = 1): PipelineResult =>
  runPipeline(table, parsePolicy(policyText, 'p.yaml'), { seed, todayYmd: TODAY });

describe('core/deid runPipeline and the gate', () => {
  it('passes a sound listing policy and releases only transformed columns', () => {
    const result = run(listing);
    expect(result.verdict, JSON.stringify(result.verdict.refusals)).to.include({
      pass: true,
      stage: 'output',
    });
    expect(result.output!.columnNames()).to.deep.equal([
      'id_number_sex',
      'phone',
      'age',
      'district',
      'diagnosis',
    ]);
    expect(result.output!.numRows()).to.equal(40);
    expect(result.output!.array('phone')[0]).to.match(/^138\*{8}$/);
    expect(result.roles).to.include({
      id_number_sex: 'quasi',
      age: 'quasi',
      diagnosis: 'sensitive',
    });
    expect(result.privacy!.k).to.be.at.least(5);
    const before = result.findingsBefore.columns.find((c) => c.name === 'id_number')!;
    expect(before.findings[0].kind).to.equal('cn_resident_id');
    // A column the policy only drops is judged from a sample and never dictionary-encoded.
    const dropped = result.findingsBefore.columns.find((c) => c.name === 'name')!;
    expect(dropped).to.deep.include({ distinct: null, scanned: 'sample', direct_identifier: true });
    expect(result.findingsAfter!.columns.every((c) => !c.direct_identifier)).to.equal(true);
  });

  it('is deterministic given the seed and never returns the pseudonym key', () => {
    const policy = listing.replace('transform: drop', 'transform: pseudonym');
    const key = new Uint8Array(32).fill(9);
    const a = runPipeline(hospital(), parsePolicy(policy), {
      seed: 4,
      todayYmd: TODAY,
      pseudonymKey: key,
    });
    const b = runPipeline(hospital(), parsePolicy(policy), {
      seed: 4,
      todayYmd: TODAY,
      pseudonymKey: key,
    });
    expect(a.output!.objects()).to.deep.equal(b.output!.objects());
    const c = runPipeline(hospital(), parsePolicy(policy), {
      seed: 4,
      todayYmd: TODAY,
      pseudonymKey: new Uint8Array(32).fill(8),
    });
    expect(c.output!.array('name')[0]).to.not.equal(a.output!.array('name')[0]);
    const serialized = JSON.stringify({
      ...a,
      output: null,
      keptTokenTables: [...a.keptTokenTables],
    });
    expect(serialized).to.not.include(Buffer.from(key).toString('hex'));
    expect(serialized).to.not.include(Buffer.from(key).toString('base64'));
    expect(a.transforms.find((t) => t.column === 'name')!.steps[0].params).to.deep.equal({
      algorithm: 'HMAC-SHA256',
      length: 16,
      reversible: false,
      material: 'per-run random, destroyed after the run',
    });
  });

  const policyRefusals: { desc: string; edit: (s: string) => string; want: object[] }[] = [
    {
      desc: 'tokenization (a kept mapping table)',
      edit: (s) => s.replace('transform: drop', 'transform: tokenize'),
      want: [{ kind: 'reversible_step', column: 'name', step: 'tokenize' }],
    },
    {
      desc: 'encryption',
      edit: (s) => s.replace('transform: drop', 'transform: encrypt'),
      want: [{ kind: 'reversible_step', column: 'name', step: 'encrypt' }],
    },
    {
      desc: 'a pseudonym whose key is kept',
      edit: (s) => s.replace('transform: drop', 'transform: { pseudonym: { keep_key: true } }'),
      want: [{ kind: 'reversible_step', column: 'name', step: 'pseudonym' }],
    },
    {
      desc: 'a column the policy does not name',
      edit: (s) =>
        s
          .replace(/ {2}diagnosis: \{ role: sensitive \}\n/, '')
          .replace(', l: { diagnosis: 2 }', ''),
      want: [{ kind: 'unnamed_column', column: 'diagnosis' }],
    },
  ];
  for (const { desc, edit, want } of policyRefusals)
    it(`refuses before transforming: ${desc}`, () => {
      const result = run(edit(listing));
      expect(result.verdict).to.deep.include({ pass: false, stage: 'policy' });
      expect(result.verdict.refusals).to.deep.equal(want);
      expect(result.output).to.equal(undefined);
    });

  const outputRefusals: {
    desc: string;
    edit: (s: string) => string;
    table?: () => ReturnType<typeof hospital>;
    want: object;
  }[] = [
    {
      desc: 'phone numbers declared insensitive and kept',
      edit: (s) =>
        s.replace(
          'phone:     { role: identifier, transform: { mask: { keep_start: 3 } } }',
          'phone: { role: insensitive }',
        ),
      want: {
        kind: 'direct_identifier_remains',
        column: 'phone',
        detector: 'cn_mobile',
        count: 40,
      },
    },
    {
      desc: 'names kept as a sensitive column',
      edit: (s) =>
        s.replace('name:      { role: identifier, transform: drop }', 'name: { role: sensitive }'),
      want: { kind: 'direct_identifier_remains', column: 'name', detector: 'cn_name', count: 40 },
    },
    {
      desc: 'one resident ID leaked in a free-text column, in full-width digits',
      edit: (s) =>
        s.replace(
          'diagnosis: { role: sensitive }',
          'diagnosis: { role: sensitive }\n  note: { role: insensitive }',
        ),
      table: () => {
        const t = hospital();
        const notes = Array.from({ length: 40 }, (_, i) =>
          i === 7 ? '１２０１０４１９９００３０７１２３４' : '复诊',
        );
        return t.assign({ note: notes });
      },
      want: {
        kind: 'direct_identifier_remains',
        column: 'note',
        detector: 'cn_resident_id',
        count: 1,
      },
    },
    {
      desc: 'ID numbers whose mask keeps too much (the birth date is kept, check digit stays valid)',
      edit: (s) =>
        s.replace(
          'transform: { derive: [sex] }',
          "transform: { redact: { value: '120104199003071234' } }",
        ),
      want: {
        kind: 'direct_identifier_remains',
        column: 'id_number',
        detector: 'cn_resident_id',
        count: 40,
      },
    },
    {
      desc: 'suppression beyond the limit',
      edit: (s) => s.replace('k: 5', 'k: 15'),
      want: {
        kind: 'suppression_limit_exceeded',
        suppressed: 40,
        allowed: 0,
        quasiIdentifiers: ['id_number_sex', 'age', 'district'],
      },
    },
  ];
  for (const { desc, edit, table, want } of outputRefusals)
    it(`refuses the output: ${desc}`, () => {
      const result = run(edit(listing), table ? table() : hospital());
      expect(result.verdict).to.deep.include({ pass: false, stage: 'output' });
      expect(result.verdict.refusals).to.deep.include(want);
      for (const refusal of result.verdict.refusals)
        expect(describeRefusal(refusal)).to.be.a('string').and.not.include('1381');
    });

  it('does not refuse a column where a name-like word is rare (weak detector below 5 %)', () => {
    const t = hospital().assign({
      ward: Array.from({ length: 40 }, (_, i) => (i === 0 ? '王明' : '内科病房')),
    });
    const result = run(
      listing.replace(
        'diagnosis: { role: sensitive }',
        'diagnosis: { role: sensitive }\n  ward: { role: sensitive }',
      ),
      t,
    );
    expect(result.verdict.pass, JSON.stringify(result.verdict.refusals)).to.equal(true);
  });

  it('synthetic names are exempt from the name detector', () => {
    const result = run(listing.replace('transform: drop', 'transform: { synthetic: name }'));
    expect(result.verdict.pass, JSON.stringify(result.verdict.refusals)).to.equal(true);
    // The values look like names (the detector would say so) but are drawn independently of the
    // input: neither the gate nor the findings after count them.
    const names = result.output!.array('name') as string[];
    expect(names.filter((v) => isCnName(v)).length).to.be.greaterThan(30);
    const after = result.findingsAfter!.columns.find((c) => c.name === 'name')!;
    expect(after).to.deep.include({ findings: [], direct_identifier: false });
  });

  it('suppresses records in classes below k within the limit and reports the count', () => {
    const t = hospital().assign({
      district: Array.from({ length: 40 }, (_, i) =>
        i < 3 ? '和平区' : i % 2 ? '河西区' : '南开区',
      ),
    });
    const result = run(listing.replace('suppression_limit: 0', 'suppression_limit: 0.1'), t);
    expect(result.suppressed).to.equal(3);
    expect(result.output!.numRows()).to.equal(37);
    expect(result.output!.array('district')).to.not.include('和平区');
    expect(result.verdict.pass, JSON.stringify(result.verdict.refusals)).to.equal(true);
  });

  it('suppresses classes that fail distinct l; beyond the limit the gate refuses', () => {
    const result = run(listing.replace('l: { diagnosis: 2 }', 'l: { diagnosis: 4 }'));
    expect(result.suppressed).to.equal(40);
    expect(result.verdict.refusals).to.deep.include({
      kind: 'suppression_limit_exceeded',
      suppressed: 40,
      allowed: 0,
      quasiIdentifiers: ['id_number_sex', 'age', 'district'],
    });
  });

  it('refuses when a measured requirement fails (t-closeness)', () => {
    const result = run(
      listing.replace('l: { diagnosis: 2 }', 'l: { diagnosis: 2 }, t: { diagnosis: 0.01 }'),
    );
    const refusal = result.verdict.refusals.find((r) => r.kind === 'privacy_requirement');
    expect(refusal).to.deep.include({
      model: 't-closeness',
      attribute: 'diagnosis',
      threshold: 0.01,
    });
    expect(result.privacy!.t).to.be.greaterThan(0.01);
  });

  it('public release suppresses classes under 20 records (GB/T 42460 τ = 1/20)', () => {
    // Without the derived sex and with one age band, district makes two classes of 20; with sex, smaller ones.
    const policy = listing.replace(
      'suppression_limit: 0, context: enclave',
      'suppression_limit: 1, context: public-release',
    );
    const result = run(
      policy
        .replace('transform: { derive: [sex] }', 'transform: drop')
        .replace('width: 20', 'width: 100'),
    );
    const withSex = run(policy);
    expect(withSex.suppressed).to.equal(40);
    const sizes = new Map<string, number>();
    const t = result.output!;
    for (let i = 0; i < t.numRows(); i++) {
      const key = ['age', 'district'].map((c) => t.get(c, i)).join('|');
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    expect(Math.min(...sizes.values())).to.be.at.least(20);
    expect(t.numRows()).to.be.greaterThan(0);
    expect(result.suppressed + t.numRows()).to.equal(40);
  });

  it('internal mode allows reversible steps, passes unnamed columns through and keeps the table', () => {
    const internal = listing
      .replace('mode: listing', 'mode: internal')
      .replace('transform: drop', 'transform: tokenize')
      .replace(/ {2}diagnosis: \{ role: sensitive \}\n/, '')
      .replace(', l: { diagnosis: 2 }', '');
    const result = run(internal);
    expect(result.verdict).to.deep.include({ pass: true, mode: 'internal' });
    expect(result.output!.columnNames()).to.include('diagnosis');
    expect(result.keptTokenTables.get('name')!.size).to.equal(5);
  });

  it('fails the run (not the gate) for a policy column missing from the input, and on cancellation', () => {
    const t = hospital().select('name', 'id_number');
    expect(() => run(listing, t))
      .to.throw(DeidError)
      .with.property('code', 'deid_unknown_column');
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      runPipeline(hospital(), parsePolicy(listing), {
        seed: 1,
        todayYmd: TODAY,
        signal: controller.signal,
      }),
    )
      .to.throw(DeidError)
      .with.property('code', 'deid_cancelled');
  });

  it('level auto runs the optimal search (or an injected one) and records its choice', () => {
    const policy = `name: auto
version: 1
mode: listing
columns:
  district: { role: quasi, hierarchy: d.csv, level: auto }
  diagnosis: { role: sensitive }
privacy: { k: 30, context: enclave, attempt: { deliberate: 0.1, inadvertent: 0.1, breach: 0.1 } }
generalization: auto
`;
    const t = hospital().select('district', 'diagnosis');
    const hierarchies = { 'd.csv': '南开区;*\n河西区;*\n' };
    // Each district holds 20 rows: k = 30 forces level 1.
    const result = runPipeline(t, parsePolicy(policy), { seed: 1, todayYmd: TODAY, hierarchies });
    expect(result.output!.array('district')).to.deep.equal(Array(40).fill('*'));
    expect(result.transforms[0].steps[0].params).to.include({ level: 1, chosen_by: 'search' });
    expect(result.search).to.deep.include({ levels: { district: 1 }, optimal: true });
    const relaxed = runPipeline(t, parsePolicy(policy.replace('k: 30', 'k: 10')), {
      seed: 1,
      todayYmd: TODAY,
      hierarchies,
    });
    expect(relaxed.output!.array('district')).to.include('河西区');
    const injected = runPipeline(t, parsePolicy(policy.replace('k: 30', 'k: 10')), {
      seed: 1,
      todayYmd: TODAY,
      hierarchies,
      searchLevels: (request) => ({
        levels: new Map([[request.quasiIdentifiers[0].column.name, 1]]),
      }),
    });
    expect(injected.output!.array('district')).to.deep.equal(Array(40).fill('*'));
    expect(() =>
      runPipeline(
        t,
        parsePolicy(policy.replace('generalization: auto', 'generalization: mondrian')),
        { seed: 1, todayYmd: TODAY, hierarchies },
      ),
    )
      .to.throw(DeidError)
      .with.property('code', 'deid_search_unavailable');
  });

  it('runs the same from an input read with toInputPlan (dropped columns only sampled) as from the whole table', () => {
    const policyPath = new URL('../../../policies/hospital-visits.yaml', import.meta.url);
    const policy = parsePolicy(readFileSync(policyPath, 'utf8'), 'hospital-visits.yaml');
    const hierarchies: Record<string, string> = {};
    for (const file of hierarchyFiles(policy))
      hierarchies[file] = readFileSync(new URL(file, policyPath), 'utf8');
    const bytes = readFileSync(
      new URL('../../../fixtures/samples/hospital-visits.csv', import.meta.url),
    );
    const options = { seed: 1, todayYmd: TODAY, hierarchies };
    const whole = runPipeline(readTable(bytes).table, policy, options);
    const encoded = readEncodedTable(bytes, toInputPlan(policy)).table;
    expect(encoded.encoded.has('address')).to.equal(false);
    expect(encoded.sampled.get('address')!.sample).to.have.length(2000);
    const planned = runPipeline(encoded, policy, options);
    expect(whole.verdict.pass).to.equal(true);
    expect(planned.output!.objects()).to.deep.equal(whole.output!.objects());
    expect({ ...planned, output: undefined }).to.deep.equal({ ...whole, output: undefined });
  });

  it('generalization: mondrian recodes the auto columns record by record and meets k', () => {
    const policyPath = new URL('../../../policies/hospital-visits.yaml', import.meta.url);
    // Every knowable column through a hierarchy the partitioning can cut (the cost is dropped).
    const policyText = readFileSync(policyPath, 'utf8')
      .replace(/^ {2}age: .*$/m, '  age: { role: quasi, hierarchy: hierarchies/age.csv, level: 0 }')
      .replace(
        /^ {2}visit_date: .*$/m,
        '  visit_date: { role: quasi, hierarchy: hierarchies/date.csv, level: 0 }',
      )
      .replace(/^ {2}cost_yuan: .*$/m, '  cost_yuan: { role: quasi, transform: drop }')
      .replace(/level: \d+ \}/g, 'level: auto }')
      .concat('generalization: mondrian\n');
    const policy = parsePolicy(policyText, 'hospital-visits.yaml (mondrian)');
    const hierarchies: Record<string, string> = {};
    for (const file of hierarchyFiles(policy))
      hierarchies[file] = readFileSync(new URL(file, policyPath), 'utf8');
    const sample = readTable(
      readFileSync(new URL('../../../fixtures/samples/hospital-visits.csv', import.meta.url)),
    ).table;
    const result = runPipeline(sample, policy, { seed: 1, todayYmd: TODAY, hierarchies });
    expect(result.verdict.pass).to.equal(true);
    expect(result.search).to.include({ method: 'mondrian' });
    expect(result.search!.min_class as number).to.be.at.least(20);
    expect(result.privacy!.k).to.be.at.least(20);
    const age = result.transforms.find((t) => t.column === 'age')!;
    expect(age.steps[0].params).to.include({ chosen_by: 'mondrian', level: null });
    // Local recoding: ranges fitted to each partition (many more than the hierarchy's bands), and
    // nothing suppressed. Rows are released in a random order, so each released range must cover
    // a distinct original age: a perfect matching, found greedily (ranges by upper end, each takes
    // the smallest free age it covers; optimal for intervals).
    expect(result.suppressed).to.equal(0);
    const released = result.output!.array('age') as string[];
    const original = (sample.array('age') as string[]).map(Number).sort((a, b) => a - b);
    expect(new Set(released).size).to.be.above(20);
    const ranges = released
      .map((range) => range.split('-').map(Number))
      .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const taken = new Uint8Array(original.length);
    for (const [low, high] of ranges) {
      const at = original.findIndex((age, i) => taken[i] === 0 && age >= low && age <= high);
      expect(at, `no original age left in ${low}-${high}`).to.not.equal(-1);
      taken[at] = 1;
    }
  });
});
