// Repository of anonymization jobs, including the claim and lease queries the job runner relies on.
import type { JobState } from '../../domain/index.js';
import type { Queryable } from '../db.js';
import {
  fromBooleanColumn,
  fromJsonColumn,
  toBooleanColumn,
  toJsonColumn,
} from './workflow-columns.js';

export interface JobOutput {
  readonly artifactSha256: string;
  readonly artifactSizeBytes: number;
  readonly artifactFormat: string;
  readonly reportSha256: string;
  readonly reportHtmlSha256: string;
  readonly level: string;
  readonly gatePassed: boolean;
  readonly summary: unknown;
}

export interface JobRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly datasetId: string;
  readonly datasetRevision: number;
  readonly policyName: string;
  readonly policyYaml: string;
  readonly policySha256: string;
  readonly seed: number;
  readonly state: JobState;
  readonly progressPct: number;
  readonly phase: string | null;
  readonly failureReason: string | null;
  readonly cancelRequested: boolean;
  readonly attempts: number;
  readonly workerId: string | null;
  readonly leaseExpiresAtMs: number | null;
  readonly output: JobOutput | null;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly startedAtMs: number | null;
  readonly finishedAtMs: number | null;
  readonly updatedAtMs: number;
}

interface JobRow {
  id: string;
  organization_id: string;
  dataset_id: string;
  dataset_revision: number;
  policy_name: string;
  policy_yaml: string;
  policy_sha256: string;
  seed: number;
  state: JobState;
  progress_pct: number;
  phase: string | null;
  failure_reason: string | null;
  cancel_requested: number | boolean;
  attempts: number;
  worker_id: string | null;
  lease_expires_at_ms: number | null;
  artifact_sha256: string | null;
  artifact_size_bytes: number | null;
  artifact_format: string | null;
  report_sha256: string | null;
  report_html_sha256: string | null;
  level: string | null;
  gate_passed: number | boolean | null;
  summary_json: string | null;
  created_by: string;
  created_at_ms: number;
  started_at_ms: number | null;
  finished_at_ms: number | null;
  updated_at_ms: number;
}

const numberOrNull = (value: number | null): number | null =>
  value === null ? null : Number(value);

const toJob = (row: JobRow): JobRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  datasetId: row.dataset_id,
  datasetRevision: Number(row.dataset_revision),
  policyName: row.policy_name,
  policyYaml: row.policy_yaml,
  policySha256: row.policy_sha256,
  seed: Number(row.seed),
  state: row.state,
  progressPct: Number(row.progress_pct),
  phase: row.phase,
  failureReason: row.failure_reason,
  cancelRequested: fromBooleanColumn(row.cancel_requested) === true,
  attempts: Number(row.attempts),
  workerId: row.worker_id,
  leaseExpiresAtMs: numberOrNull(row.lease_expires_at_ms),
  output:
    row.artifact_sha256 === null
      ? null
      : {
          artifactSha256: row.artifact_sha256,
          artifactSizeBytes: Number(row.artifact_size_bytes),
          artifactFormat: row.artifact_format ?? 'csv',
          reportSha256: row.report_sha256 ?? '',
          reportHtmlSha256: row.report_html_sha256 ?? '',
          level: row.level ?? '',
          gatePassed: fromBooleanColumn(row.gate_passed) === true,
          summary: fromJsonColumn(row.summary_json),
        },
  createdBy: row.created_by,
  createdAtMs: Number(row.created_at_ms),
  startedAtMs: numberOrNull(row.started_at_ms),
  finishedAtMs: numberOrNull(row.finished_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

export async function insertJob(
  db: Queryable,
  job: Pick<
    JobRecord,
    | 'id'
    | 'organizationId'
    | 'datasetId'
    | 'datasetRevision'
    | 'policyName'
    | 'policyYaml'
    | 'policySha256'
    | 'seed'
    | 'createdBy'
    | 'createdAtMs'
  >,
): Promise<void> {
  await db<JobRow>('anonymization_jobs').insert({
    id: job.id,
    organization_id: job.organizationId,
    dataset_id: job.datasetId,
    dataset_revision: job.datasetRevision,
    policy_name: job.policyName,
    policy_yaml: job.policyYaml,
    policy_sha256: job.policySha256,
    seed: job.seed,
    state: 'queued',
    progress_pct: 0,
    phase: null,
    cancel_requested: 0,
    attempts: 0,
    created_by: job.createdBy,
    created_at_ms: job.createdAtMs,
    updated_at_ms: job.createdAtMs,
  });
}

export async function findJob(db: Queryable, id: string): Promise<JobRecord | undefined> {
  const row = await db<JobRow>('anonymization_jobs').where({ id }).first();
  return row ? toJob(row) : undefined;
}

export async function listJobs(
  db: Queryable,
  filter: { organizationId: string; datasetId?: string; state?: JobState },
): Promise<JobRecord[]> {
  const query = db<JobRow>('anonymization_jobs').where({ organization_id: filter.organizationId });
  if (filter.datasetId) query.andWhere({ dataset_id: filter.datasetId });
  if (filter.state) query.andWhere({ state: filter.state });
  const rows = await query.orderBy([
    { column: 'created_at_ms', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
  return rows.map(toJob);
}

/** Ids of queued jobs, oldest first: the runner's work list. */
export async function listQueuedJobIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db<JobRow>('anonymization_jobs')
    .where({ state: 'queued' })
    .orderBy([{ column: 'created_at_ms' }, { column: 'id' }])
    .limit(limit)
    .select('id');
  return rows.map((row) => row.id);
}

/** Running jobs whose lease expired before `nowMs` (their worker died or was restarted). */
export async function listExpiredRunningJobs(db: Queryable, nowMs: number): Promise<JobRecord[]> {
  const rows = await db<JobRow>('anonymization_jobs')
    .where({ state: 'running' })
    .andWhere('lease_expires_at_ms', '<', nowMs);
  return rows.map(toJob);
}

/**
 * Moves a job from `from` to new values only if it is still in `from` (optimistic compare and set,
 * so two workers never both claim one job); returns whether this call won.
 */
export async function updateJobIfState(
  db: Queryable,
  id: string,
  from: JobState | readonly JobState[],
  changes: Partial<{
    state: JobState;
    progressPct: number;
    phase: string | null;
    failureReason: string | null;
    cancelRequested: boolean;
    attempts: number;
    workerId: string | null;
    leaseExpiresAtMs: number | null;
    output: JobOutput;
    startedAtMs: number;
    finishedAtMs: number;
    updatedAtMs: number;
  }>,
  onlyWorkerId?: string,
): Promise<boolean> {
  const row: Partial<JobRow> = {};
  if (changes.state !== undefined) row.state = changes.state;
  if (changes.progressPct !== undefined) row.progress_pct = changes.progressPct;
  if (changes.phase !== undefined) row.phase = changes.phase;
  if (changes.failureReason !== undefined) row.failure_reason = changes.failureReason;
  if (changes.cancelRequested !== undefined)
    row.cancel_requested = toBooleanColumn(changes.cancelRequested);
  if (changes.attempts !== undefined) row.attempts = changes.attempts;
  if (changes.workerId !== undefined) row.worker_id = changes.workerId;
  if (changes.leaseExpiresAtMs !== undefined) row.lease_expires_at_ms = changes.leaseExpiresAtMs;
  if (changes.startedAtMs !== undefined) row.started_at_ms = changes.startedAtMs;
  if (changes.finishedAtMs !== undefined) row.finished_at_ms = changes.finishedAtMs;
  if (changes.updatedAtMs !== undefined) row.updated_at_ms = changes.updatedAtMs;
  if (changes.output !== undefined) {
    row.artifact_sha256 = changes.output.artifactSha256;
    row.artifact_size_bytes = changes.output.artifactSizeBytes;
    row.artifact_format = changes.output.artifactFormat;
    row.report_sha256 = changes.output.reportSha256;
    row.report_html_sha256 = changes.output.reportHtmlSha256;
    row.level = changes.output.level;
    row.gate_passed = toBooleanColumn(changes.output.gatePassed);
    row.summary_json = toJsonColumn(changes.output.summary);
  }
  const states = typeof from === 'string' ? [from] : [...from];
  const query = db<JobRow>('anonymization_jobs').where({ id }).whereIn('state', states);
  if (onlyWorkerId !== undefined) query.andWhere({ worker_id: onlyWorkerId });
  const count = await query.update(row);
  return Number(count) === 1;
}

/** The figures of a job's summary delivery needs, where it reported them. */
export interface JobReleaseFigures {
  /** The k it was built for: delivery suppresses smaller groups. */
  readonly k?: number;
  /** Rows released: large releases are prepared for serving when listed. */
  readonly rows?: number;
}

export async function findJobReleaseFigures(
  db: Queryable,
  jobId: string,
): Promise<JobReleaseFigures | undefined> {
  const row = (await db('anonymization_jobs')
    .where({ id: jobId })
    .select('summary_json')
    .first()) as { summary_json: string | null } | undefined;
  if (!row || row.summary_json === null) return undefined;
  let summary: { k?: unknown; rows?: unknown };
  try {
    summary = JSON.parse(row.summary_json) as { k?: unknown; rows?: unknown };
  } catch {
    return undefined;
  }
  const positive = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
  return { k: positive(summary.k), rows: positive(summary.rows) };
}
