import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { createEvaluateCommand } from '../../src/cli/commands/evaluate.js';
import { CommandExit, EXIT_STATUS } from '../../src/cli/exit-status.js';
import { PrivacyError } from '../../src/core/privacy/index.js';
import { TableError } from '../../src/core/table/index.js';
import { spawnCli } from '../helpers/cli-process.js';
import { requireSharedData } from '../helpers/shared-data.js';

const PEERS = requireSharedData('peers');

async function run(args: string[]): Promise<{ out: string; err: string; exitStatus: number }> {
  let out = '';
  let err = '';
  const io = {
    env: {},
    out: (text: string) => void (out += text),
    err: (text: string) => void (err += text),
  };
  const output = {
    writeErr: (text: string) => void (err += text),
    writeOut: (text: string) => void (out += text),
  };
  const program = new Command('anonex').exitOverride().configureOutput(output);
  program.addCommand(createEvaluateCommand(io).exitOverride().configureOutput(output));
  try {
    await program.parseAsync(['node', 'anonex', 'evaluate', ...args]);
  } catch (error) {
    // A failed gate ends the command after its output is printed; the figures are still asserted.
    if (error instanceof CommandExit) return { out, err, exitStatus: error.exitStatus };
    throw error;
  }
  return { out, err, exitStatus: EXIT_STATUS.ok };
}

// The printed JSON is walked by path in assertions; chai checks every value, so `any` is safe here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EvaluationJson = Record<string, any>;

async function runJson(args: string[]): Promise<EvaluationJson> {
  const { out } = await run([...args, '--json']);
  return JSON.parse(out) as EvaluationJson;
}

describe('cli/evaluate', () => {
  it('prints the issue #4 shape for pycanon’s hospital table', async () => {
    const json = await runJson([
      PEERS + 'pycanon_hospital_anonymized.csv',
      '--qi',
      'age,gender,city',
      '--sensitive',
      'disease',
      '--risk-threshold',
      '0.4',
    ]);
    expect(json).to.include.all.keys(
      'records',
      'classes',
      'k',
      'suppressed',
      'sensitive',
      'risk',
      'gbt42460',
    );
    expect([json.records, json.classes, json.k, json.suppressed]).to.deep.equal([13, 5, 2, 0]);
    const disease = json.sensitive.disease;
    expect(disease.l_distinct).to.equal(1);
    expect(disease.l_entropy).to.equal(1);
    expect(disease.recursive).to.deep.equal({ l: 2, c_threshold: null });
    expect(disease.t_distance).to.equal('equal');
    expect(disease.delta_disclosure).to.be.closeTo(Math.log(13 / 3), 1e-12);
    expect(json.risk.threshold).to.equal(0.4);
    // classes of 2 (risk 0.5 > 0.4) hold 4 of 13 records; classes of 3 sit below
    expect(json.risk.prosecutor).to.deep.equal({
      highest: 0.5,
      lowest: 1 / 3,
      average: 5 / 13,
      records_at_risk: 4 / 13,
    });
    expect(json.risk.journalist).to.deep.equal(json.risk.prosecutor);
    expect(json.risk.marketer).to.equal(5 / 13);
    expect(json.risk.sample_uniques).to.equal(0);
    expect(json.gbt42460).to.include({ context: 'public-release', level: 'L2', R: 1, pass: false });
  });

  it('uses ordered distance for numeric sensitive attributes and honours --t-distance and --l', async () => {
    const file = PEERS + 'sdcmicro_ldiversity_na.csv';
    const numeric = await runJson([
      file,
      '--qi',
      'sex,occupation,ethnicity',
      '--sensitive',
      'sensitive',
    ]);
    expect(numeric.sensitive.sensitive.t_distance).to.equal('ordered');
    const equal = await runJson([
      file,
      '--qi',
      'sex,occupation,ethnicity',
      '--sensitive',
      'sensitive',
      '--t-distance',
      'sensitive=equal',
      '--l',
      '3',
    ]);
    expect(equal.sensitive.sensitive.t_distance).to.equal('equal');
    // two classes hold only two distinct values: (c,3) is unsatisfiable
    expect(equal.sensitive.sensitive.recursive).to.deep.equal({ l: 3, c_threshold: null });
  });

  it('reads ARX’s semicolon files with a sniffed or a stated delimiter', async () => {
    const args = [
      PEERS + 'arx_adult_2anon.csv',
      '--qi',
      'sex,age,race,marital-status,education,native-country,workclass,occupation',
    ];
    const sniffed = await runJson(args);
    const stated = await runJson([...args, '--delimiter', ';']);
    expect(sniffed.records).to.equal(30162);
    expect(sniffed.k).to.equal(10);
    expect(stated).to.deep.equal(sniffed);
  });

  it('switches journalist risk to the population model with --population', async () => {
    const json = await runJson([
      PEERS + 'sample_drug_type_start0_step3.csv',
      '--qi',
      'Age,Sex,BP',
      '--population',
      PEERS + 'pycanon_drug_type.csv',
    ]);
    expect(json.risk.journalist_model).to.equal('population');
    expect(json.risk.journalist.highest).to.be.at.most(json.risk.prosecutor.highest);
    expect(json.risk.marketer).to.be.at.most(json.risk.prosecutor.average);
  });

  it('measures hierarchical t and Loss with --hierarchy files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anonex-evaluate-'));
    writeFileSync(join(dir, 'age.csv'), '34;<50;*\n45;<50;*\n66;>=50;*\n70;>=50;*\n');
    writeFileSync(
      join(dir, 'zip.csv'),
      '81667;816**;*\n81675;816**;*\n81925;819**;*\n81931;819**;*\n',
    );
    const released = await runJson([
      PEERS + 'arx_example7_2anon.csv',
      '--qi',
      'age,gender',
      '--hierarchy',
      `age=${join(dir, 'age.csv')}`,
    ]);
    // every age is a level-1 label covering 2 of 4 leaves: Loss (2 − 1)/(4 − 1)
    expect(released.utility.attributes[0]).to.deep.include({ name: 'age', loss: 1 / 3, level: 1 });
    const raw = await runJson([
      PEERS + 'arx_example7.csv',
      '--qi',
      'gender',
      '--sensitive',
      'zipcode',
      '--t-distance',
      'zipcode=hierarchical',
      '--hierarchy',
      `zipcode=${join(dir, 'zip.csv')}`,
    ]);
    // by hand (Li et al. EMD, H = 2): men 3/56 + 2/56 + 2/56 = 1/8, women 6/84 + 4/84 + 4/84 = 1/6
    expect(raw.sensitive.zipcode.t_distance).to.equal('hierarchical');
    expect(raw.sensitive.zipcode.t).to.be.closeTo(1 / 6, 1e-12);
  });

  it('reads JSON Lines, with JSON scalars compared as raw strings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anonex-evaluate-'));
    const lines = [
      '{"age":30,"sex":"F","dx":"flu"}',
      '{"age":"30","sex":"F","dx":"gout"}',
      '{"age":41,"sex":null,"dx":"flu"}',
    ];
    writeFileSync(join(dir, 'visits.jsonl'), `${lines.join('\n')}\n`);
    const json = await runJson([
      join(dir, 'visits.jsonl'),
      '--qi',
      'age,sex',
      '--sensitive',
      'dx',
      '--format',
      'jsonl',
    ]);
    // 30 and "30" are the same raw string; null is the empty value
    expect([json.records, json.classes, json.k]).to.deep.equal([3, 2, 1]);
    expect(json.sensitive.dx.l_distinct).to.equal(1);
  });

  it('prints a readable summary without --json', async () => {
    const { out } = await run([PEERS + 'arx_example7_2anon.csv', '--qi', 'age,gender,zipcode']);
    expect(out).to.match(/records 7 {2}classes 3 {2}k 2/);
    expect(out).to.match(/GB\/T 42460-2023 \(public-release\): R = 1\.0000, level L2, FAIL/);
  });

  it('exits 3 when the GB/T 42460 gate fails and 0 when it passes, printing the figures either way', async () => {
    const failing = await run([PEERS + 'arx_example7_2anon.csv', '--qi', 'age,gender,zipcode']);
    expect(failing.exitStatus).to.equal(EXIT_STATUS.gateFailed);
    expect(failing.out).to.match(/level L2, FAIL/);
    const dir = mkdtempSync(join(tmpdir(), 'anonex-evaluate-'));
    const file = join(dir, 'forty.csv');
    // One class of 40: every record's risk is 1/40 = 0.025, under the 0.05 threshold.
    writeFileSync(file, `band\n${'30-39\n'.repeat(40)}`);
    const passing = await run([file, '--qi', 'band', '--json']);
    expect(passing.exitStatus).to.equal(EXIT_STATUS.ok);
    expect(JSON.parse(passing.out).gbt42460).to.include({ level: 'L3', pass: true });
  });

  it('the real process exits 3 with one line on stderr when the gate fails', async function () {
    // A child process compiling the CLI under tsx: seconds on a busy machine.
    this.timeout(60_000);
    const child = spawnCli(
      ['evaluate', PEERS + 'arx_example7_2anon.csv', '--qi', 'age,gender,zipcode', '--json'],
      {},
    );
    expect(await child.exited(55_000)).to.equal(3);
    expect(JSON.parse(child.stdout()).gbt42460.pass).to.equal(false);
    expect(child.stderr()).to.equal(
      'anonex: the GB/T 42460 gate fails: level L2, R = 1.0000 above the threshold 0.05 (public-release) [exit 3]\n',
    );
  });

  it('refuses an unknown column with a typed error', async () => {
    try {
      await run([PEERS + 'arx_example7.csv', '--qi', 'age,postcode']);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(PrivacyError);
      expect((error as PrivacyError).code).to.equal('privacy_unknown_column');
    }
  });

  it('refuses a missing file with a typed error', async () => {
    try {
      await run([PEERS + 'no-such-file.csv', '--qi', 'a']);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(TableError);
      expect((error as TableError).code).to.equal('table_input_unreadable');
    }
  });

  const badArguments = [
    ['--risk-threshold', '1.5'],
    ['--risk-threshold', 'x'],
    ['--t-distance', 'age=manhattan'],
    ['--l', '0'],
    ['--context', 'moon'],
    ['--pr', '0.1,0.2'],
    ['--delimiter', ';;'],
    ['--encoding', 'latin-9'],
  ];
  for (const bad of badArguments) {
    it(`refuses ${bad.join(' ')} as a usage error`, async () => {
      try {
        await run([PEERS + 'arx_example7.csv', '--qi', 'age', ...bad]);
        expect.fail('should have thrown');
      } catch (error) {
        expect(error).to.be.instanceOf(CommanderError);
      }
    });
  }
});
