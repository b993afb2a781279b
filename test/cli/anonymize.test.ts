import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Command } from 'commander';
import { createAnonymizeCommand } from '../../src/cli/commands/anonymize.js';
import { reportFormatOfPath } from '../../src/cli/commands/report-output.js';
import { DeidError, PolicyError } from '../../src/core/deid/index.js';
import { computeResidentIdCheck } from '../../src/core/detect/index.js';
import type { UtilityMeasurement } from '../../src/core/privacy/index.js';
import { createRng } from '../../src/core/rng.js';

const NOW = Date.UTC(2026, 10, 27, 8, 0);

async function run(args: string[], tty = false): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { env: {}, out: (t: string) => void (out += t), err: (t: string) => void (err += t) };
  const stream = { write: (t: string) => void (err += t), isTTY: tty, columns: 80 };
  const program = new Command('anonex').exitOverride();
  program.addCommand(createAnonymizeCommand(io, stream, () => NOW).exitOverride());
  await program.parseAsync(['node', 'anonex', 'anonymize', ...args]);
  return { out, err };
}

function patients(rows: number): string {
  const rng = createRng(3);
  const lines = ['name,id_number,phone,age,district,diagnosis'];
  for (let i = 0; i < rows; i++) {
    const body = `12010${3 + (i % 2)}19${70 + rng.nextInt(30)}0${1 + rng.nextInt(9)}1${rng.nextInt(10)}${100 + rng.nextInt(900)}`;
    lines.push(
      [
        ['张伟', '王芳', '李娜', '刘洋'][i % 4],
        body + computeResidentIdCheck(body),
        `139${String(10000000 + rng.nextInt(89999999))}`,
        String(20 + rng.nextInt(60)),
        i % 2 ? '河西区' : '南开区',
        ['高血压', '糖尿病', '哮喘'][rng.nextInt(3)],
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const policy = `name: hospital
version: 1
mode: listing
purpose: test
columns:
  name:      { role: identifier, transform: pseudonym }
  id_number: { role: identifier, transform: { derive: [birth_decade] } }
  phone:     { role: identifier, transform: { mask: { keep_start: 3 } } }
  age:       { role: quasi, transform: { bands: { width: 20 } } }
  district:  { role: quasi, hierarchy: district.csv, level: 1 }
  diagnosis: { role: sensitive }
privacy: { k: 3, suppression_limit: 0.2, context: enclave, attempt: { deliberate: 0.1, inadvertent: 0.1, breach: 0.1 } }
`;

describe('cli/anonymize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anonex-anonymize-'));
  const input = join(dir, 'patients.csv');
  writeFileSync(input, patients(200));
  writeFileSync(join(dir, 'district.csv'), '河西区;天津市;*\n南开区;天津市;*\n');
  const policyFile = join(dir, 'hospital.yaml');
  writeFileSync(policyFile, policy);

  it('writes the released table and a report without key material', async () => {
    const out = join(dir, 'out.csv');
    const report = join(dir, 'report.json');
    const { out: stdout } = await run([
      input,
      '--policy',
      policyFile,
      '--out',
      out,
      '--report',
      report,
      '--seed',
      '7',
    ]);
    expect(stdout).to.match(
      /^anonymized 200 rows → .*out\.csv \(\d+ released, \d+ suppressed\); policy hospital v1 \(listing\); gate: PASS, level L[34]\n$/,
    );
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).to.equal('name,id_number_birth_decade,phone,age,district,diagnosis');
    expect(lines[1]).to.match(
      /^[0-9a-f]{16},19[789]0s,139\*{8},\d+-\d+,天津市,(高血压|糖尿病|哮喘)$/,
    );
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.verdict).to.deep.equal({ pass: true, reasons: [] });
    expect(json.input).to.deep.include({ rows: 200, format: 'csv', encoding: 'utf-8' });
    expect(json.output.rows).to.equal(lines.length - 1);
    expect(json.detection.before.columns[1].findings[0].kind).to.equal('cn_resident_id');
    expect(json.transforms[0].steps[0].params).to.deep.include({
      algorithm: 'HMAC-SHA256',
      reversible: false,
    });
  });

  it('writes the report as HTML when --report names an .html file, as JSON otherwise', async () => {
    const html = join(dir, 'report.HTML');
    await run([input, '--policy', policyFile, '--out', join(dir, 'h.csv'), '--report', html]);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).to.equal(true);
    expect(page).to.include('hospital');
    expect(() => JSON.parse(page) as unknown).to.throw(SyntaxError);
    expect(reportFormatOfPath('r.htm')).to.equal('html');
    expect(reportFormatOfPath('r.json')).to.equal('json');
    expect(reportFormatOfPath('report')).to.equal('json');
  });

  it('writes the HTML report as the certificate a reviewer signs (provider, dataset, hashes, signatures)', async () => {
    const html = join(dir, 'certificate.html');
    await run([
      input,
      '--policy',
      policyFile,
      '--out',
      join(dir, 'c.csv'),
      '--report',
      html,
      '--provider',
      '天津市第一中心医院',
    ]);
    const page = readFileSync(html, 'utf8');
    const cell = (name: string) =>
      (new RegExp(`<tr data-certificate="${name}">(.*?)</tr>`).exec(page)?.[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    expect(cell('provider')).to.equal('数据提供方 Data provider 天津市第一中心医院');
    expect(cell('dataset')).to.equal(`数据集 Dataset ${basename(input)}`);
    expect(cell('decision')).to.equal(
      '审核结论 Decision 尚未提交审核 Not yet submitted for review',
    );
    const json = join(dir, 'certificate.json');
    await run([input, '--policy', policyFile, '--out', join(dir, 'd.csv'), '--report', json]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { input: { sha256: string } };
    expect(page).to.include(`<code>${report.input.sha256}</code>`);
    expect(page).to.include('审核人签字');
  });

  it('uses a fresh pseudonym key every run, even with the same seed', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await run([input, '--policy', policyFile, '--out', a, '--seed', '7']);
    await run([input, '--policy', policyFile, '--out', b, '--seed', '7']);
    // Rows come out in a fresh random order too: compare what was released, not where.
    const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1);
    const pseudonyms = new Set(lines(a).map((l) => l.split(',')[0]));
    expect(lines(b).some((l) => pseudonyms.has(l.split(',')[0]))).to.equal(false);
    const rest = (file: string) =>
      lines(file)
        .map((l) => l.split(',').slice(1).join(','))
        .sort();
    expect(rest(a)).to.deep.equal(rest(b));
  });

  it('refuses with a clear error, writes no output, and still writes the report', async () => {
    const leaky = join(dir, 'leaky.yaml');
    writeFileSync(
      leaky,
      policy.replace(
        'phone:     { role: identifier, transform: { mask: { keep_start: 3 } } }',
        'phone: { role: insensitive }',
      ),
    );
    const out = join(dir, 'refused.csv');
    const report = join(dir, 'refused.json');
    try {
      await run([input, '--policy', leaky, '--out', out, '--report', report]);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(DeidError);
      expect((error as DeidError).code).to.equal('deid_gate_refused');
      expect((error as DeidError).issues).to.deep.include({
        field: 'phone',
        reason: 'column phone: 200 value(s) still match the cn_mobile detector',
      });
    }
    expect(existsSync(out)).to.equal(false);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.verdict.pass).to.equal(false);
    expect(json.output).to.equal(null);
  });

  it('reports policy errors with file and line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, policy.replace('width: 20', 'width: 0'));
    try {
      await run([input, '--policy', bad, '--out', join(dir, 'x.csv')]);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(PolicyError);
      expect((error as PolicyError).issues[0].field).to.equal(
        `${bad}:9 columns.age.transform.bands.width`,
      );
    }
  });

  it('draws a progress bar on a terminal for long inputs, and nothing for short ones', async () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, patients(60_000));
    const { err } = await run(
      [big, '--policy', policyFile, '--out', join(dir, 'big.out.csv'), '--seed', '1'],
      true,
    );
    expect(err).to.include('anonymize [').and.to.include('100%');
    expect(err.endsWith('\r\x1b[K')).to.equal(true);
    const { err: quiet } = await run(
      [input, '--policy', policyFile, '--out', join(dir, 'small.csv')],
      true,
    );
    expect(quiet).to.equal('');
  });

  it('writes JSON Lines and Arrow by extension', async () => {
    const jsonl = join(dir, 'out.jsonl');
    await run([input, '--policy', policyFile, '--out', jsonl, '--seed', '1']);
    const first = JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[0]);
    expect(Object.keys(first)).to.deep.equal([
      'name',
      'id_number_birth_decade',
      'phone',
      'age',
      'district',
      'diagnosis',
    ]);
    const arrow = join(dir, 'out.arrow');
    await run([input, '--policy', policyFile, '--out', arrow, '--seed', '1']);
    expect(readFileSync(arrow).subarray(0, 6).toString()).to.equal('ARROW1');
  });

  it('puts utility figures into the report, computed on a hand-checkable table', async () => {
    // 8 records; age generalized to decades (hierarchy of 8 leaves, 4 per decade, height 3);
    // the class (30-39, B) holds one record and is suppressed (k 3).
    writeFileSync(
      join(dir, 'age.csv'),
      ['20', '21', '22', '23'].map((a) => `${a};20-29;*`).join('\n') +
        '\n' +
        ['30', '31', '32', '33'].map((a) => `${a};30-39;*`).join('\n') +
        '\n',
    );
    writeFileSync(
      join(dir, 'small.csv'),
      [
        'name,age,zone,diagnosis',
        '张伟,20,A,flu',
        '王芳,21,A,cold',
        '李娜,22,A,flu',
        '刘洋,30,A,cold',
        '陈静,31,A,flu',
        '杨磊,32,A,asthma',
        '赵强,33,B,flu',
        '黄敏,23,A,asthma',
      ].join('\n') + '\n',
    );
    writeFileSync(
      join(dir, 'small.yaml'),
      `name: small
version: 1
mode: listing
purpose: test
columns:
  name:      { role: identifier, transform: drop }
  age:       { role: quasi, hierarchy: age.csv, level: 1 }
  zone:      { role: quasi }
  diagnosis: { role: sensitive }
privacy: { k: 3, suppression_limit: 0.2, context: enclave, attempt: { deliberate: 0.1, inadvertent: 0.1, breach: 0.1 } }
`,
    );
    const report = join(dir, 'small.json');
    const { out: stdout } = await run([
      join(dir, 'small.csv'),
      '--policy',
      join(dir, 'small.yaml'),
      '--out',
      join(dir, 'small.out.csv'),
      '--report',
      report,
    ]);
    expect(stdout).to.include('(7 released, 1 suppressed)');
    const { utility } = JSON.parse(readFileSync(report, 'utf8')) as { utility: UtilityMeasurement };
    // Loss(age) = (7 × (4−1)/(8−1) + 1 suppressed) / 8 = 0.5; precision = (7 × 1/2 + 1) / 8.
    const [age] = utility.hierarchy!.attributes;
    expect(age).to.deep.include({ name: 'age', precision: 0.5625, level: 1 });
    expect(age.loss).to.be.closeTo(0.5, 1e-12);
    expect(utility.hierarchy!.loss).to.be.closeTo(0.5, 1e-12);
    // DM = 4² + 3² + 1 suppressed × 8 records; AECS = 8 records / 2 classes.
    expect(utility.discernibility).to.equal(33);
    expect(utility.averageClassSize).to.equal(4);
    const col = (name: string) => utility.columns.find((c) => c.name === name)!;
    expect(utility.columns.map((c) => c.name)).to.deep.equal(['age', 'zone', 'diagnosis']);
    // Total variation: zone 7/8 A + 1/8 B → all A: ½(1/8 + 1/8); diagnosis 4/2/2 of 8 → 3/2/2 of 7: 1/14.
    expect(col('age').marginalDistance).to.equal(1);
    expect(col('zone').marginalDistance).to.be.closeTo(1 / 8, 1e-12);
    expect(col('diagnosis').marginalDistance).to.be.closeTo(1 / 14, 1e-12);
    // Non-uniform entropy: zone only loses the suppressed B (log2 8); age 4 × log2 4 + 3 × log2 3 + log2 8.
    expect(col('zone').nonUniformEntropyBits).to.be.closeTo(3, 1e-12);
    expect(col('age').nonUniformEntropyBits).to.be.closeTo(11 + 3 * Math.log2(3), 1e-9);
    // Before bars hide original values held by fewer than 3 records (the smallest released class).
    expect(col('diagnosis').before).to.deep.equal({
      bars: [{ value: 'flu', count: 4 }],
      otherCount: 4,
      total: 8,
    });
    expect(col('age').before).to.deep.equal({ bars: [], otherCount: 8, total: 8 });
    expect(col('diagnosis').after).to.deep.equal({
      bars: [
        { value: 'flu', count: 3 },
        { value: 'asthma', count: 2 },
        { value: 'cold', count: 2 },
      ],
      otherCount: 0,
      total: 7,
    });
  });

  it('releases the e-commerce sample under its shipped policy (家居 and 家电 are not names)', async () => {
    const out = join(dir, 'orders.csv');
    const { out: stdout } = await run([
      'fixtures/samples/ecommerce-orders.csv',
      '--policy',
      'policies/ecommerce-orders.yaml',
      '--out',
      out,
      '--seed',
      '1',
    ]);
    expect(stdout).to.match(/gate: PASS, level L3\n$/);
    const released = readFileSync(out, 'utf8');
    expect(released).to.include('家居');
    expect(released).to.include('家电');
  });
});
