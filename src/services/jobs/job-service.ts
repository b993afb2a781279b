// Anonymization jobs as providers see them: create (queue), read progress, cancel, read outputs.
// The work itself happens in the JobRunner (job-runner.ts), in the background.
import { createHash } from 'node:crypto';
import type { JobState } from '../../domain/index.js';
import {
  findJob,
  insertJob,
  listJobs,
  updateJobIfState,
  type JobRecord,
} from '../../store/repositories/anonymization-jobs.js';
import { findDataset, findRevision } from '../../store/repositories/datasets.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { invalidTransition, notFound, validationFailed } from '../errors.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { jobStatesAllowing, nextJobState } from './job-state.js';
import { policyInputIssues } from './policy-input-check.js';
import { resolvePolicy, type PolicyChoice } from './policy-source.js';
import { listPolicyNames } from '../console/policy-names.js';
import type { DatasetProfile } from '../engine/anonymization-engine.js';

/** A job as providers see it: everything but the policy text and the runner's bookkeeping. */
export type JobView = Omit<
  JobRecord,
  'policyYaml' | 'workerId' | 'leaseExpiresAtMs' | 'createdBy' | 'updatedAtMs'
>;

export interface NewJob {
  readonly datasetId: string;
  /** Defaults to the dataset's latest revision. */
  readonly datasetRevision?: number;
  readonly policy: PolicyChoice;
  /** Seed of every randomized transform; defaults to a value derived from the job id. */
  readonly seed?: number;
}

export const toJobView = (job: JobRecord): JobView => {
  const { policyYaml, workerId, leaseExpiresAtMs, createdBy, updatedAtMs, ...view } = job;
  void [policyYaml, workerId, leaseExpiresAtMs, createdBy, updatedAtMs];
  return view;
};

export const sha256Hex = (content: string | Buffer): string =>
  createHash('sha256').update(content).digest('hex');

/** How a shipped policy fits a dataset's latest upload (see JobService.policyFits). */
export interface PolicyFit {
  readonly name: string;
  readonly fits: boolean;
  /** Problems a job would be refused for (0 when it fits). */
  readonly problems: number;
  /** The dataset's columns the policy names. */
  readonly coveredColumns: number;
}

export class JobService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: { readonly policiesDirectory: string },
  ) {}

  /** Queues a policy run over one revision of the caller's dataset. */
  /**
   * The shipped policies against a dataset's latest upload, best fit first: a policy fits when
   * the job would start (every column it names exists, the gate's data-free checks pass, its
   * hierarchies are readable); among fits, the one naming the most of the dataset's columns first.
   */
  async policyFits(context: RequestContext, datasetId: string): Promise<PolicyFit[]> {
    requireRole(context.principal, 'provider');
    const dataset = await findDataset(this.deps.db, datasetId);
    if (!dataset || dataset.organizationId !== context.principal.organizationId)
      throw notFound('dataset', datasetId);
    const revision =
      dataset.latestRevision < 1
        ? undefined
        : await findRevision(this.deps.db, dataset.id, dataset.latestRevision);
    if (!revision) return [];
    const inputColumns = (revision.profile as DatasetProfile).columns.map((c) => c.name);
    const directory = this.options.policiesDirectory;
    const fits = await Promise.all(
      (await listPolicyNames(directory)).map(async (name): Promise<PolicyFit> => {
        const resolved = await resolvePolicy({ name }, directory).catch(() => undefined);
        if (!resolved || resolved.policy.mode !== 'listing')
          return { name, fits: false, problems: 1, coveredColumns: 0 };
        const problems = (await policyInputIssues(resolved.policy, inputColumns, directory)).length;
        const named = new Set(resolved.policy.columns.map((column) => column.name));
        const coveredColumns = inputColumns.filter((column) => named.has(column)).length;
        return { name, fits: problems === 0, problems, coveredColumns };
      }),
    );
    return fits.sort(
      (a, b) =>
        Number(b.fits) - Number(a.fits) ||
        b.coveredColumns - a.coveredColumns ||
        a.problems - b.problems ||
        a.name.localeCompare(b.name),
    );
  }

  /** A shipped policy's text, for a provider to start an edited copy from. */
  async shippedPolicyYaml(context: RequestContext, name: string): Promise<string> {
    requireRole(context.principal, 'provider');
    return (await resolvePolicy({ name }, this.options.policiesDirectory)).yaml;
  }

  async createJob(context: RequestContext, input: NewJob): Promise<JobView> {
    requireRole(context.principal, 'provider');
    const dataset = await findDataset(this.deps.db, input.datasetId);
    if (!dataset || dataset.organizationId !== context.principal.organizationId) {
      throw notFound('dataset', input.datasetId);
    }
    const revision = input.datasetRevision ?? dataset.latestRevision;
    const revisionRecord =
      revision < 1 ? undefined : await findRevision(this.deps.db, dataset.id, revision);
    if (!revisionRecord) {
      throw validationFailed('no such dataset revision', [
        {
          field: 'datasetRevision',
          reason: revision < 1 ? 'the dataset has no upload yet' : 'not found',
        },
      ]);
    }
    const resolved = await resolvePolicy(input.policy, this.options.policiesDirectory);
    if (resolved.policy.mode !== 'listing') {
      // Only listing-mode runs pass the Art. 29 gate; internal pseudonymisation never reaches review.
      throw validationFailed('policy mode must be listing', [
        { field: 'policy.mode', reason: 'the exchange only runs listing-mode policies' },
      ]);
    }
    const inputColumns = (revisionRecord.profile as DatasetProfile).columns.map((c) => c.name);
    const issues = await policyInputIssues(
      resolved.policy,
      inputColumns,
      this.options.policiesDirectory,
    );
    if (issues.length > 0)
      throw validationFailed('the policy does not fit this dataset revision', issues);
    const id = this.deps.ids.newId('job');
    const nowMs = this.deps.clock.nowMs();
    const seed = input.seed ?? Number.parseInt(sha256Hex(id).slice(0, 8), 16) % 2147483647;
    const record = {
      id,
      organizationId: dataset.organizationId,
      datasetId: dataset.id,
      datasetRevision: revision,
      policyName: `${resolved.policy.name}@${resolved.policy.version}`,
      policyYaml: resolved.yaml,
      policySha256: sha256Hex(resolved.yaml),
      seed,
      createdBy: context.principal.memberId,
      createdAtMs: nowMs,
    };
    await this.deps.db.transaction(async (trx) => {
      await insertJob(trx, record);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'job.queued',
        target: id,
        details: {
          datasetId: dataset.id,
          datasetRevision: revision,
          policySha256: record.policySha256,
        },
      });
    });
    return toJobView(await this.ownJob(context, id));
  }

  async getJob(context: RequestContext, id: string): Promise<JobView> {
    return toJobView(await this.ownJob(context, id));
  }

  async listJobs(
    context: RequestContext,
    filter: { datasetId?: string; state?: JobState } = {},
  ): Promise<JobView[]> {
    requireRole(context.principal, 'provider');
    const records = await listJobs(this.deps.db, {
      organizationId: context.principal.organizationId,
      ...filter,
    });
    return records.map(toJobView);
  }

  /** Cancels a queued job at once; a running one stops at its next progress report. */
  async cancelJob(context: RequestContext, id: string): Promise<JobView> {
    const job = await this.ownJob(context, id);
    nextJobState(job.state, 'cancel');
    await this.deps.db.transaction(async (trx) => {
      const nowMs = this.deps.clock.nowMs();
      const changed =
        job.state === 'queued'
          ? await updateJobIfState(trx, id, 'queued', {
              state: 'cancelled',
              phase: null,
              finishedAtMs: nowMs,
              updatedAtMs: nowMs,
            })
          : await updateJobIfState(trx, id, jobStatesAllowing('cancel'), {
              cancelRequested: true,
              updatedAtMs: nowMs,
            });
      if (!changed) {
        const current = await findJob(trx, id);
        throw invalidTransition('anonymization job', current?.state ?? job.state, 'cancel');
      }
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: job.state === 'queued' ? 'job.cancelled' : 'job.cancel_requested',
        target: id,
      });
    });
    return toJobView(await this.ownJob(context, id));
  }

  /** The report of a succeeded job, as JSON text or HTML (provider's own organization only). */
  async getJobReport(
    context: RequestContext,
    id: string,
    kind: 'json' | 'html',
  ): Promise<{ body: Buffer; sha256: string }> {
    const job = await this.ownJob(context, id);
    if (!job.output) throw invalidTransition('anonymization job', job.state, 'read report');
    const sha256 = kind === 'json' ? job.output.reportSha256 : job.output.reportHtmlSha256;
    return { body: await this.deps.blobs.get(sha256, { raw: false }), sha256 };
  }

  private async ownJob(context: RequestContext, id: string): Promise<JobRecord> {
    requireRole(context.principal, 'provider');
    const job = await findJob(this.deps.db, id);
    if (!job || job.organizationId !== context.principal.organizationId) throw notFound('job', id);
    return job;
  }
}
