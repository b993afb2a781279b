// The engine's worker threads under a heap limit (JOB_MEMORY_MB): a table too large for it fails
// with job_out_of_memory naming the figure and the variable, for an upload's profile and a job;
// a CSV or JSON Lines upload's profile streams, so its memory follows the dictionaries, not the
// file (issue 15).
import { expect } from 'chai';
import { defaultJobMemoryMb, loadConfig, type MachineResources } from '../../../src/config.js';
import { DatasetService } from '../../../src/services/datasets/dataset-service.js';
import { CoreAnonymizationEngine } from '../../../src/services/engine/core-anonymization-engine.js';
import { JobRunner } from '../../../src/services/jobs/job-runner.js';
import { JobService } from '../../../src/services/jobs/job-service.js';
import { defaultPoliciesDirectory } from '../../../src/services/jobs/policy-source.js';
import {
  contextOf,
  createWorkflowFixture,
  SAMPLE_POLICY,
  sampleMetadata,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';

const GIB = 1024 ** 3;

const LARGE_ROWS = 400_000;

/** Row `i` of the large table: two near-unique text columns and three of few values. */
function largeRow(i: number): string[] {
  return [
    `name${i}x${i * 7}`,
    `id-${i}-${i % 13}-abcdefghij`,
    String(20 + (i % 60)),
    i % 2 ? 'M' : 'F',
    `d${i % 9}`,
  ];
}
const LARGE_HEADER = ['name', 'id_number', 'age', 'sex', 'diagnosis'];

/** 400k rows of near-unique text (22 MB): parsed, far more than a 64 MiB heap holds. */
function largeCsv(): Buffer {
  const rows = [LARGE_HEADER.join(',')];
  for (let i = 0; i < LARGE_ROWS; i++) rows.push(largeRow(i).join(','));
  return Buffer.from(rows.join('\n'));
}

/** The same table as JSON Lines, which the profile streams too (a first pass finds the keys). */
function largeJsonl(): Buffer {
  const rows: string[] = [];
  for (let i = 0; i < LARGE_ROWS; i++) {
    const row = largeRow(i);
    rows.push(JSON.stringify(Object.fromEntries(LARGE_HEADER.map((name, c) => [name, row[c]]))));
  }
  return Buffer.from(rows.join('\n'));
}

/**
 * One JSON Lines record holding a 48 MB value: a line is parsed whole, so the profile of this
 * input outgrows a 64 MiB heap however it streams.
 */
function hugeLineJsonl(): Buffer {
  return Buffer.from(`{"notes":"${'x'.repeat(48 * 1024 * 1024)}"}\n`);
}

describe('services/engine: worker memory (JOB_MEMORY_MB)', function () {
  this.timeout(120_000);
  let fixture: WorkflowFixture;
  const provider = contextOf('mem_p', 'org_a', ['provider']);
  const engineWith = (memoryMb: number) =>
    new CoreAnonymizationEngine({
      clock: fixture.clock,
      policiesDirectory: defaultPoliciesDirectory(),
      blobs: fixture.deps.blobs,
      memoryMb,
    });

  before(async () => (fixture = await createWorkflowFixture()));
  after(async () => fixture.destroy());

  const defaults: { desc: string; machine: MachineResources; concurrency: number; want: number }[] =
    [
      {
        desc: '24 GiB, one job',
        machine: { totalMemoryBytes: 24 * GIB },
        concurrency: 1,
        want: 17_664,
      },
      {
        desc: '24 GiB, two jobs',
        machine: { totalMemoryBytes: 24 * GIB },
        concurrency: 2,
        want: 8_832,
      },
      {
        desc: 'a 4 GiB cgroup on a 24 GiB machine',
        machine: { totalMemoryBytes: 24 * GIB, constrainedMemoryBytes: 4 * GIB },
        concurrency: 1,
        want: 2_304,
      },
      {
        desc: 'a 1 GiB machine (the floor)',
        machine: { totalMemoryBytes: GIB },
        concurrency: 1,
        want: 512,
      },
    ];
  for (const { desc, machine, concurrency, want } of defaults) {
    it(`defaults JOB_MEMORY_MB from the machine: ${desc} → ${want} MiB`, () => {
      expect(defaultJobMemoryMb(machine, concurrency)).to.equal(want);
      const config = loadConfig({ JOB_CONCURRENCY: String(concurrency) }, machine);
      expect(config.jobMemoryMb).to.equal(want);
    });
  }

  it('takes JOB_MEMORY_MB when set, and refuses one below 64', () => {
    expect(loadConfig({ JOB_MEMORY_MB: '3000' }).jobMemoryMb).to.equal(3000);
    expect(() => loadConfig({ JOB_MEMORY_MB: '10' })).to.throw(/JOB_MEMORY_MB/);
  });

  for (const [format, content] of [
    ['csv', largeCsv],
    ['jsonl', largeJsonl],
  ] as const)
    it(`profiles ${format} far larger than the limit: the profile's memory follows the dictionaries`, async () => {
      const profile = await engineWith(64).profileDataset({ content: content(), format });
      expect(profile.rows).to.equal(LARGE_ROWS);
      expect(profile.columns.map((column) => [column.name, column.distinct])).to.deep.equal([
        ['name', LARGE_ROWS],
        ['id_number', LARGE_ROWS],
        ['age', 60],
        ['sex', 2],
        ['diagnosis', 9],
      ]);
    });

  it('fails a profile and a job that outgrow the limit with job_out_of_memory, naming figure and variable', async () => {
    const content = largeCsv();
    const small = engineWith(64);
    let failure: unknown;
    await small
      .profileDataset({ content: hugeLineJsonl(), format: 'jsonl' })
      .catch((error: unknown) => (failure = error));
    expect(failure).to.deep.include({ code: 'job_out_of_memory' });
    expect((failure as { details: unknown }).details).to.deep.equal({
      limitMb: 64,
      variable: 'JOB_MEMORY_MB',
    });

    // Uploaded (and profiled) under a roomy limit, then run by a runner whose engine has 64 MiB.
    const datasets = new DatasetService(fixture.deps, engineWith(1024));
    const datasetId = (
      await datasets.createDataset(provider, { name: 'big', metadata: sampleMetadata() })
    ).id;
    await datasets.uploadRevision(provider, datasetId, { content, format: 'csv' });
    const jobs = new JobService(fixture.deps, { policiesDirectory: defaultPoliciesDirectory() });
    // The job reads only what its policy keeps (dropped columns are sampled, never held), so its
    // policy keeps both near-unique columns, pseudonymized.
    const keepsIdentifiers = SAMPLE_POLICY.replace(
      /^ {2}(name|id_number): .*$/gm,
      '  $1: { role: identifier, transform: pseudonym }',
    );
    expect(keepsIdentifiers).to.not.equal(SAMPLE_POLICY);
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: keepsIdentifiers } });
    const runner = new JobRunner(fixture.deps, small, {
      concurrency: 1,
      workerId: 'w-small',
      pollIntervalMs: 5,
    });
    await runner.drain();
    const failed = await jobs.getJob(provider, job.id);
    expect(failed.state).to.equal('failed');
    expect(failed.failureReason).to.match(/^job_out_of_memory: .*64 MiB \(JOB_MEMORY_MB\)/);
  });
});
