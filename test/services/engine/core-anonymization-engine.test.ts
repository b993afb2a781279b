import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ManualClock } from '../../../src/core/clock.js';
import { readTable } from '../../../src/core/table/index.js';
import { CoreAnonymizationEngine } from '../../../src/services/engine/core-anonymization-engine.js';
import { profileTable } from '../../../src/services/engine/profile-table.js';
import type {
  AnonymizationInput,
  ProgressUpdate,
} from '../../../src/services/engine/anonymization-engine.js';
import { maskExample } from '../../../src/services/engine/anonymization-engine.js';
import { defaultPoliciesDirectory } from '../../../src/services/jobs/policy-source.js';
import { SAMPLE_CSV, WORKFLOW_START_MS } from '../../helpers/provider-workflow.js';

const HOSPITAL = readFileSync(
  new URL('../../../fixtures/samples/hospital-visits.csv', import.meta.url),
);
const POLICY = readFileSync(
  new URL('../../../policies/hospital-visits.yaml', import.meta.url),
  'utf8',
);

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('services/engine/core-anonymization-engine (the real engine behind the seam)', function () {
  this.timeout(30_000);
  const engine = new CoreAnonymizationEngine({
    clock: new ManualClock(WORKFLOW_START_MS),
    policiesDirectory: defaultPoliciesDirectory(),
  });
  const input = (policyYaml: string): AnonymizationInput => ({
    content: HOSPITAL,
    format: 'csv',
    policyYaml,
    policySource: 'hospital-visits.yaml',
    seed: 7,
    rawSha256: 'b'.repeat(64),
  });

  const masks: { value: string; directIdentifier: boolean; want: string }[] = [
    { value: '11010519491231002X', directIdentifier: true, want: '******************' },
    { value: '张伟', directIdentifier: false, want: '*伟' },
    { value: 'K02.9', directIdentifier: false, want: 'K***9' },
    { value: '7', directIdentifier: false, want: '*' },
  ];
  for (const { value, directIdentifier, want } of masks) {
    it(`masks example ${want}`, () => expect(maskExample(value, directIdentifier)).to.equal(want));
  }

  it('profiles an upload with findings and masked examples only', async () => {
    const profile = await engine.profileDataset({
      content: Buffer.from(SAMPLE_CSV),
      format: 'csv',
    });
    expect(profile.rows).to.equal(6);
    const byName = Object.fromEntries(profile.columns.map((column) => [column.name, column]));
    expect(byName.id_number.direct_identifier).to.equal(true);
    expect(byName.diagnosis.direct_identifier).to.equal(false);
    expect(JSON.stringify(profile)).not.to.include('11010519491231002X');
  });

  it('profiles in a worker thread, like profileTable on the main thread, leaving the event loop free', async () => {
    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const profile = await engine.profileDataset({ content: HOSPITAL, format: 'csv' });
    running = false;
    // Profiling on this thread would run to the end before any setImmediate callback.
    expect(turns).to.be.above(0);
    expect(profile).to.deep.equal(
      profileTable(readTable(HOSPITAL, { format: 'csv' }), WORKFLOW_START_MS),
    );
  });

  it('turns unreadable uploads and unknown encodings into validation errors naming where', async () => {
    const ragged = await failure(
      engine.profileDataset({ content: Buffer.from('a,b\n1,2\n3\n'), format: 'csv' }),
    );
    expect(ragged).to.deep.include({ code: 'validation_failed' });
    expect(JSON.stringify(ragged)).to.include('table_ragged_row').and.include('row 3');
    const encoding = await failure(
      engine.profileDataset({ content: HOSPITAL, format: 'csv', encoding: 'ebcdic' }),
    );
    expect(JSON.stringify(encoding)).to.include('encoding');
  });

  it('anonymizes in a worker thread: L3, gate passed, identifiers gone, phases reported', async () => {
    const updates: ProgressUpdate[] = [];
    const result = await engine.anonymize(input(POLICY), async (update) => {
      updates.push(update);
    });
    expect(result).to.include({ level: 'L3', gatePassed: true, artifactFormat: 'csv' });
    const header = result.artifact.toString('utf8').split('\n')[0].split(',');
    expect(header).not.to.include.members(['patient_name']);
    expect(header).to.not.include('id_number');
    expect((result.report.input as { sha256: string }).sha256).to.equal('b'.repeat(64));
    expect(result.reportHtml).to.match(/^<!doctype html>/i);
    expect(updates[0]).to.deep.equal({ phase: 'loading', pct: 5 });
    expect(updates.map((u) => u.phase)).to.include.members([
      'detecting',
      'transforming',
      'measuring',
      'reporting',
    ]);
  });

  it('fails with deid_gate_refused when the gate refuses', async () => {
    const refused = await failure(
      engine.anonymize(input(POLICY.replace('k: 20', 'k: 500')), async () => undefined),
    );
    expect(refused.code).to.equal('deid_gate_refused');
  });

  it('stops the run with the error its progress callback throws (cancellation)', async () => {
    const stop = new Error('cancelled by the provider');
    const error = await failure(
      engine.anonymize(input(POLICY), async (update) => {
        if (update.phase === 'transforming') throw stop;
      }),
    );
    expect(error).to.equal(stop);
  });

  it('reads hierarchy files from policies/ only', async () => {
    const escaping = POLICY.replace('hierarchies/sex.csv', '../package.json');
    expect((await failure(engine.anonymize(input(escaping), async () => undefined))).code).to.equal(
      'deid_missing_hierarchy',
    );
  });
});
