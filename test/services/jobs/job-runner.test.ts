import { expect } from 'chai';
import { DeidError } from '../../../src/core/deid/index.js';
import { DatasetService } from '../../../src/services/datasets/dataset-service.js';
import type { ServiceError } from '../../../src/services/errors.js';
import { JobRunner } from '../../../src/services/jobs/job-runner.js';
import { JobService } from '../../../src/services/jobs/job-service.js';
import { defaultPoliciesDirectory } from '../../../src/services/jobs/policy-source.js';
import { updateJobIfState } from '../../../src/store/repositories/anonymization-jobs.js';
import {
  contextOf,
  createWorkflowFixture,
  gate,
  SAMPLE_CSV,
  SAMPLE_POLICY,
  sampleMetadata,
  ScriptedEngine,
  type ScriptedRun,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';

const POLICY = SAMPLE_POLICY;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected a rejection');
}

describe('services/jobs/job-runner', () => {
  let fixture: WorkflowFixture;
  let jobs: JobService;
  let datasetId: string;
  const provider = contextOf('mem_p', 'org_a', ['provider']);
  const stranger = contextOf('mem_x', 'org_b', ['provider']);

  const runnerWith = (
    scripts: ScriptedRun[],
    options: Partial<{ concurrency: number; workerId: string }> = {},
  ) => {
    const engine = new ScriptedEngine(fixture.clock, fixture.deps.blobs, scripts);
    const runner = new JobRunner(fixture.deps, engine, {
      concurrency: options.concurrency ?? 1,
      workerId: options.workerId ?? 'worker-test',
      pollIntervalMs: 5,
      leaseMs: 30_000,
      maxAttempts: 2,
    });
    return { engine, runner };
  };

  before(async () => {
    fixture = await createWorkflowFixture();
    const datasets = new DatasetService(
      fixture.deps,
      new ScriptedEngine(fixture.clock, fixture.deps.blobs),
    );
    datasetId = (await datasets.createDataset(provider, { name: 'v', metadata: sampleMetadata() }))
      .id;
    await datasets.uploadRevision(provider, datasetId, {
      content: Buffer.from(SAMPLE_CSV),
      format: 'csv',
    });
    jobs = new JobService(fixture.deps, { policiesDirectory: defaultPoliciesDirectory() });
  });
  after(async () => fixture.destroy());

  it('queues a job and runs it to succeeded with hashed outputs', async () => {
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY }, seed: 7 });
    expect(job).to.include({ state: 'queued', progressPct: 0, datasetRevision: 1, seed: 7 });
    expect(job.policySha256).to.match(/^[0-9a-f]{64}$/);
    const { runner, engine } = runnerWith([{}]);
    await runner.drain();
    const done = await jobs.getJob(provider, job.id);
    expect(done).to.include({ state: 'succeeded', progressPct: 100, phase: 'done', attempts: 1 });
    expect(done.output?.level).to.equal('L3');
    expect(engine.progress.map((p) => p.phase)).to.deep.equal([
      'transforming',
      'measuring',
      'reporting',
    ]);
    const report = await jobs.getJobReport(provider, job.id, 'json');
    expect(report.sha256).to.equal(done.output?.reportSha256);
    expect(JSON.parse(report.body.toString('utf8')).seed).to.equal(7);
    const artifact = await fixture.deps.blobs.get(done.output?.artifactSha256 as string, {
      raw: false,
    });
    expect(artifact.toString('utf8').split('\n')[0]).to.equal('age_band,sex');
    const actions = await fixture.deps
      .db('audit_log')
      .where({ target: job.id })
      .orderBy('id')
      .pluck('action');
    expect(actions).to.deep.equal(['job.queued', 'job.started', 'job.succeeded']);
  });

  it('refuses a bad policy with every problem, and a shipped policy by name', async () => {
    const bad = await rejection(
      jobs.createJob(provider, {
        datasetId,
        policy: { yaml: 'name: x\nversion: 0\nmode: listing\ncolumns: {}\n' },
      }),
    );
    expect(bad.code).to.equal('validation_failed');
    expect(bad.issues.length).to.be.greaterThan(0);
    const traversal = await rejection(
      jobs.createJob(provider, { datasetId, policy: { name: '../package' } }),
    );
    expect(traversal.code).to.equal('validation_failed');
    // A shipped policy is found by name, and checked against the revision like any other.
    const shipped = await rejection(
      jobs.createJob(provider, { datasetId, policy: { name: 'adult-k5' } }),
    );
    expect(shipped.code).to.equal('validation_failed');
    expect(shipped.issues).to.deep.include({
      field: 'policy.columns.education',
      reason: 'not a column of this dataset revision',
      code: 'unknown_column',
      params: { column: 'education' },
    });
  });

  it('refuses at submission a policy that does not fit the revision, naming every problem', async () => {
    const misfit = POLICY.replace(
      '  diagnosis: { role: sensitive }\n',
      [
        '  diagnosis: { role: sensitive, transform: encrypt }',
        '  ward: { role: quasi }',
        '  age_group: { role: quasi, hierarchy: ../../../../etc/passwd, level: 1 }',
        '',
      ].join('\n'),
    );
    const before = (await jobs.listJobs(provider)).length;
    const refused = await rejection(
      jobs.createJob(provider, { datasetId, policy: { yaml: misfit } }),
    );
    expect(refused.code).to.equal('validation_failed');
    const fields = refused.issues.map((issue) => issue.field);
    expect(fields).to.include.members([
      'policy.columns.ward',
      'policy.columns.age_group',
      'policy.columns.diagnosis',
      'policy.hierarchy',
    ]);
    expect(refused.issues.find((issue) => issue.field === 'policy.hierarchy')?.reason).to.match(
      /outside policies/,
    );
    expect((await jobs.listJobs(provider)).length).to.equal(before);
  });

  it('records the failure reason of a failed run', async () => {
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    const { runner } = runnerWith([
      {
        fail: new DeidError(
          'deid_gate_refused',
          'column id_number still holds cn_resident_id (6 values)',
        ),
      },
    ]);
    await runner.drain();
    const failed = await jobs.getJob(provider, job.id);
    expect(failed.state).to.equal('failed');
    expect(failed.failureReason).to.match(/^deid_gate_refused: column id_number/);
    expect(failed.output).to.equal(null);
  });

  it('cancels a queued job at once and a running one at its next progress report', async () => {
    const queued = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    expect((await jobs.cancelJob(provider, queued.id)).state).to.equal('cancelled');
    const again = await rejection(jobs.cancelJob(provider, queued.id));
    expect(again.code).to.equal('invalid_transition');
    expect(again.details).to.include({ state: 'cancelled' });

    const hold = gate();
    const running = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    const { runner } = runnerWith([{ hold: hold.promise }]);
    const drained = runner.drain();
    // Yield to I/O between polls: SQLite answers in microtasks, blob reads need the event loop.
    while ((await jobs.getJob(provider, running.id)).phase !== 'transforming') await pause(5);
    const requested = await jobs.cancelJob(provider, running.id);
    expect(requested).to.include({ state: 'running', cancelRequested: true });
    hold.open();
    await drained;
    expect((await jobs.getJob(provider, running.id)).state).to.equal('cancelled');
  });

  it('runs no more jobs at once than its concurrency', async () => {
    const first = gate();
    const a = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    const b = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    const { runner } = runnerWith([{ hold: first.promise }, {}], { concurrency: 1 });
    await runner.tick();
    await runner.tick();
    const states = async () => [
      (await jobs.getJob(provider, a.id)).state,
      (await jobs.getJob(provider, b.id)).state,
    ];
    expect(await states()).to.deep.equal(['running', 'queued']);
    first.open();
    await runner.drain();
    expect(await states()).to.deep.equal(['succeeded', 'succeeded']);
  });

  it('survives a restart: a job whose worker died is requeued and finished by the next worker', async () => {
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    // A worker claimed it, then the process died: the row stays running under a lease.
    await updateJobIfState(fixture.deps.db, job.id, 'queued', {
      state: 'running',
      phase: 'transforming',
      progressPct: 30,
      attempts: 1,
      workerId: 'worker-dead',
      leaseExpiresAtMs: fixture.clock.nowMs() + 30_000,
    });
    const { runner } = runnerWith([{}], { workerId: 'worker-new' });
    await runner.tick();
    expect((await jobs.getJob(provider, job.id)).state, 'lease still valid').to.equal('running');
    fixture.clock.advance(30_001);
    await runner.drain();
    const done = await jobs.getJob(provider, job.id);
    expect(done).to.include({ state: 'succeeded', attempts: 2 });
    const actions = await fixture.deps
      .db('audit_log')
      .where({ target: job.id })
      .orderBy('id')
      .pluck('action');
    expect(actions).to.deep.equal(['job.queued', 'job.requeued', 'job.started', 'job.succeeded']);
  });

  it('fails a job cleanly once it has been interrupted maxAttempts times', async () => {
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    await updateJobIfState(fixture.deps.db, job.id, 'queued', {
      state: 'running',
      attempts: 2,
      workerId: 'worker-dead',
      leaseExpiresAtMs: fixture.clock.nowMs() - 1,
    });
    const { runner } = runnerWith([{}]);
    await runner.drain();
    const failed = await jobs.getJob(provider, job.id);
    expect(failed.state).to.equal('failed');
    expect(failed.failureReason).to.match(/^interrupted/);
  });

  it('hands held jobs back to the queue on a graceful stop, without counting the attempt', async () => {
    const hold = gate();
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    const { runner } = runnerWith([{ hold: hold.promise }]);
    await runner.tick();
    const stopped = runner.stop();
    hold.open();
    await stopped;
    expect(await jobs.getJob(provider, job.id)).to.include({ state: 'queued', attempts: 0 });
    const { runner: next } = runnerWith([{}]);
    await next.drain();
    expect(await jobs.getJob(provider, job.id)).to.include({ state: 'succeeded', attempts: 1 });
  });

  it('hides jobs from other organizations', async () => {
    const job = await jobs.createJob(provider, { datasetId, policy: { yaml: POLICY } });
    for (const call of [
      () => jobs.getJob(stranger, job.id),
      () => jobs.cancelJob(stranger, job.id),
      () => jobs.getJobReport(stranger, job.id, 'html'),
      () => jobs.createJob(stranger, { datasetId, policy: { yaml: POLICY } }),
    ]) {
      expect((await rejection(call())).code).to.equal('not_found');
    }
    expect(await jobs.listJobs(stranger)).to.deep.equal([]);
    await jobs.cancelJob(provider, job.id);
  });
});
