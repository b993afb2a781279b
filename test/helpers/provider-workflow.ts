// Fixtures for the provider workflow's service tests (datasets, jobs, reviews, listings, catalog):
// ServiceDeps over a fresh test database and a temp blob store, principals of several
// organizations, valid Art. 10 metadata, a small CSV, and a scripted engine whose anonymize step
// the test controls (level, gate, failure, pauses) while profiling runs the real core/detect.
import type { ManualClock } from '../../src/core/clock.js';
import { CoreAnonymizationEngine } from '../../src/services/engine/core-anonymization-engine.js';
import { DatasetService } from '../../src/services/datasets/dataset-service.js';
import { JobRunner } from '../../src/services/jobs/job-runner.js';
import { JobService } from '../../src/services/jobs/job-service.js';
import type {
  AnonymizationInput,
  AnonymizationResult,
  ProgressUpdate,
} from '../../src/services/engine/anonymization-engine.js';
import { defaultPoliciesDirectory } from '../../src/services/jobs/policy-source.js';
import type { BlobStore } from '../../src/store/blob-store.js';
import { contextOf, createServiceFixture, type ServiceFixture } from './service-fixture.js';

export { contextOf } from './service-fixture.js';

export const WORKFLOW_START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export type WorkflowFixture = ServiceFixture;

export function createWorkflowFixture(
  env: Readonly<Record<string, string>> = {},
): Promise<WorkflowFixture> {
  return createServiceFixture({ startMs: WORKFLOW_START_MS, tempPrefix: 'anonex-workflow-', env });
}

/** Complete Art. 10 metadata for an unconditional, downloadable dataset. */
export function sampleMetadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: { subjectCategory: '医疗卫生 health', securityGrade: 'general' },
    format: 'csv',
    attributes: [
      { column: 'name', description: '姓名 patient name' },
      { column: 'id_number', description: '身份证号 resident ID' },
      { column: 'age', description: '年龄 age', unit: 'year' },
      { column: 'sex', description: '性别 sex' },
      { column: 'diagnosis', description: '诊断 diagnosis' },
    ],
    updateFrequency: 'monthly',
    sharingType: 'unconditional',
    openType: 'unconditional',
    sharingMethod: ['download', 'query_api'],
    usageRequirements: 'Research use only; cite the provider.',
    dataSource: 'Outpatient records of the provider, 2025.',
    ...overrides,
  };
}

/** A small CSV with direct identifiers (valid resident IDs) the detectors must flag. */
/** A listing policy that fits SAMPLE_CSV's columns (jobs are checked against the revision). */
export const SAMPLE_POLICY = `name: visits
version: 1
mode: listing
columns:
  name: { role: identifier, transform: drop }
  id_number: { role: identifier, transform: drop }
  age: { role: quasi, transform: { bands: { width: 10 } } }
  sex: { role: quasi }
  diagnosis: { role: sensitive }
privacy: { k: 2, context: public-release }
`;

export const SAMPLE_CSV = [
  'name,id_number,age,sex,diagnosis',
  '张伟,11010519491231002X,34,M,flu',
  '王芳,110105198001011238,41,F,asthma',
  '李娜,440106199003079583,29,F,flu',
  '刘洋,310104198512120015,38,M,diabetes',
  '陈静,51010719770606122X,47,F,flu',
  '杨磊,120101199208080012,31,M,asthma',
].join('\n');

export interface ScriptedRun {
  readonly level?: 'L1' | 'L2' | 'L3' | 'L4';
  readonly gatePassed?: boolean;
  /** Throw this instead of finishing. */
  readonly fail?: Error;
  /** Resolves when the test lets the run continue after its first progress report. */
  readonly hold?: Promise<void>;
}

/**
 * The real profiling, with an anonymize step scripted per run (in call order; the last script
 * repeats). The artifact keeps the age and sex columns of the input, banded, so it is a real
 * table whose hash depends on the input.
 */
export class ScriptedEngine extends CoreAnonymizationEngine {
  readonly runs: AnonymizationInput[] = [];
  readonly progress: ProgressUpdate[] = [];

  constructor(
    clock: ManualClock,
    private readonly blobs: BlobStore,
    private readonly scripts: ScriptedRun[] = [{}],
  ) {
    super({ clock, policiesDirectory: defaultPoliciesDirectory(), blobs });
  }

  override async anonymize(
    input: AnonymizationInput,
    onProgress: (update: ProgressUpdate) => Promise<void>,
  ): Promise<AnonymizationResult> {
    const script = this.scripts[Math.min(this.runs.length, this.scripts.length - 1)];
    this.runs.push(input);
    const report = async (update: ProgressUpdate) => {
      this.progress.push(update);
      await onProgress(update);
    };
    await report({ phase: 'transforming', pct: 30 });
    if (script.hold) await script.hold;
    await report({ phase: 'measuring', pct: 70 });
    if (script.fail) throw script.fail;
    await report({ phase: 'reporting', pct: 90 });
    const content =
      'content' in input
        ? input.content
        : await this.blobs.get(input.blob.sha256, { raw: input.blob.raw });
    const lines = content.toString('utf8').trim().split('\n').slice(1);
    const artifact = [
      'age_band,sex',
      ...lines.map((line) => {
        const cells = line.split(',');
        const age = Number(cells[2]);
        return `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9},${cells[3]}`;
      }),
    ].join('\n');
    const level = script.level ?? 'L3';
    return {
      artifact: Buffer.from(artifact, 'utf8'),
      artifactFormat: 'csv',
      report: {
        version: 1,
        input: { sha256: input.rawSha256 },
        policy: { source: input.policySource },
        gbt42460: { level },
        seed: input.seed,
      },
      reportHtml: `<!doctype html><title>report</title><p>level ${level}</p>`,
      level,
      gatePassed: script.gatePassed ?? true,
      summary: { rows: lines.length, k: 2 },
    };
  }
}

/** A promise with its resolve handle, to hold a scripted run mid-way. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** The services of the workflow over one fixture, with a scripted engine. */
export async function approvedJobFixture(
  fixture: WorkflowFixture,
  scripts: ScriptedRun[],
): Promise<{
  engine: ScriptedEngine;
  datasets: DatasetService;
  jobs: JobService;
  runner: JobRunner;
  datasetId: string;
  /** Queues a job over the latest revision and runs it to its end; returns its id. */
  runJob(): Promise<string>;
}> {
  const engine = new ScriptedEngine(fixture.clock, fixture.deps.blobs, scripts);
  const datasets = new DatasetService(fixture.deps, engine);
  const jobs = new JobService(fixture.deps, { policiesDirectory: defaultPoliciesDirectory() });
  const runner = new JobRunner(fixture.deps, engine, { concurrency: 1, workerId: 'w-test' });
  const provider = PROVIDER_A;
  const datasetId = (
    await datasets.createDataset(provider, { name: 'visits', metadata: sampleMetadata() })
  ).id;
  await datasets.uploadRevision(provider, datasetId, {
    content: Buffer.from(SAMPLE_CSV),
    format: 'csv',
  });
  return {
    engine,
    datasets,
    jobs,
    runner,
    datasetId,
    async runJob() {
      const job = await jobs.createJob(provider, { datasetId, policy: { yaml: SAMPLE_POLICY } });
      await runner.drain();
      return job.id;
    },
  };
}

/** Members used across the workflow's service tests. */
export const PROVIDER_A = contextOf('mem_pa', 'org_a', ['provider']);
export const REVIEWER_A = contextOf('mem_ra', 'org_a', ['reviewer']);
export const REVIEWER_B = contextOf('mem_rb', 'org_b', ['reviewer']);
export const PROVIDER_C = contextOf('mem_pc', 'org_c', ['provider']);
export const ADMIN_X = contextOf('mem_ax', 'org_x', ['admin']);
export const BUYER_D = contextOf('mem_bd', 'org_d', ['buyer']);

export const CHECKLIST_OK = {
  identifiersChecked: true,
  riskCalculationChecked: true,
  contextAndThresholdAppropriate: true,
  utilityAcceptable: true,
};
