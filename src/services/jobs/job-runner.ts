// The background worker that runs queued anonymization jobs: claims them under a lease, reports
// progress, stores the outputs, and recovers jobs whose worker stopped (restart or crash).
//
// Several gateway processes may share one PostgreSQL database: a job is claimed by compare-and-set
// on its state, held under a lease that a heartbeat renews, and only its holder may finish it. A
// running job whose lease expired goes back to the queue (`requeue`), or fails once it has been
// interrupted `maxAttempts` times, so no job is ever lost or stuck in `running`.
import { canonicalJson } from '../../core/canonical-json.js';
import { isAnonexError } from '../../core/errors.js';
import {
  findJob,
  listExpiredRunningJobs,
  listQueuedJobIds,
  updateJobIfState,
  type JobRecord,
} from '../../store/repositories/anonymization-jobs.js';
import { findDataset, findRevision } from '../../store/repositories/datasets.js';
import { findOrganization } from '../../store/repositories/organizations.js';
import { recordAudit } from '../audit.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { ServiceDeps } from '../deps.js';
import type { DataFormat } from '../datasets/catalog-metadata.js';
import type { AnonymizationEngine, ProgressUpdate } from '../engine/anonymization-engine.js';

export interface JobRunnerOptions {
  /** Jobs run at the same time by this process (JOB_CONCURRENCY). */
  readonly concurrency: number;
  /** Identifies this process in `worker_id`; unique per start. */
  readonly workerId: string;
  readonly pollIntervalMs?: number;
  /** How long a claim holds without a heartbeat. */
  readonly leaseMs?: number;
  /** Interrupted runs allowed before a job fails instead of being requeued. */
  readonly maxAttempts?: number;
}

const ACTOR = 'system:job-runner';

/** Thrown from the progress callback to stop a run; never escapes the runner. */
class RunStopped extends Error {
  constructor(readonly why: 'cancelled' | 'shutdown' | 'lease_lost') {
    super(why);
  }
}

export class JobRunner implements BackgroundWorker {
  readonly name = 'job-runner';
  private readonly active = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private ticking: Promise<void> | undefined;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly engine: AnonymizationEngine,
    private readonly options: JobRunnerOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** Starts polling for work; call stop() on shutdown. */
  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.tick(), this.pollIntervalMs);
    void this.tick();
  }

  /**
   * Stops claiming work and hands every job it holds back to the queue (without counting the
   * interruption), so the next start resumes them at once.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await Promise.all(this.active.values());
  }

  /** Recovers expired leases, then claims queued jobs up to the concurrency limit. */
  tick(): Promise<void> {
    if (!this.ticking) {
      this.ticking = this.tickOnce()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'job runner tick failed'))
        .finally(() => {
          this.ticking = undefined;
        });
    }
    return this.ticking;
  }

  /** Runs ticks until no job is queued or running here (tests and the offline CLI). */
  async drain(): Promise<void> {
    for (;;) {
      await this.tick();
      if (this.active.size === 0) {
        const queued = await listQueuedJobIds(this.deps.db, 1);
        if (queued.length === 0) return;
      }
      await Promise.race(this.active.values());
    }
  }

  private async tickOnce(): Promise<void> {
    await this.recoverExpiredLeases();
    if (this.stopping) return;
    const free = this.options.concurrency - this.active.size;
    if (free <= 0) return;
    const candidates = await listQueuedJobIds(this.deps.db, free * 2);
    for (const id of candidates) {
      if (this.stopping || this.active.size >= this.options.concurrency) break;
      const job = await this.claim(id);
      if (!job) continue;
      const run = this.run(job).finally(() => this.active.delete(job.id));
      this.active.set(job.id, run);
    }
  }

  private async recoverExpiredLeases(): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    for (const job of await listExpiredRunningJobs(this.deps.db, nowMs)) {
      if (this.active.has(job.id)) continue;
      const exhausted = job.attempts >= this.maxAttempts;
      await this.deps.db.transaction(async (trx) => {
        const changed = await updateJobIfState(
          trx,
          job.id,
          'running',
          exhausted
            ? {
                state: 'failed',
                failureReason: `interrupted: the worker stopped ${job.attempts} times while running this job`,
                workerId: null,
                leaseExpiresAtMs: null,
                finishedAtMs: nowMs,
                updatedAtMs: nowMs,
              }
            : {
                state: 'queued',
                phase: null,
                progressPct: 0,
                workerId: null,
                leaseExpiresAtMs: null,
                updatedAtMs: nowMs,
              },
          job.workerId ?? undefined,
        );
        if (!changed) return;
        await this.audit(trx, job, exhausted ? 'job.failed' : 'job.requeued', {
          attempts: job.attempts,
          reason: 'worker lease expired',
        });
      });
    }
  }

  private async claim(id: string): Promise<JobRecord | undefined> {
    return this.deps.db.transaction(async (trx) => {
      const job = await findJob(trx, id);
      if (!job || job.state !== 'queued') return undefined;
      const nowMs = this.deps.clock.nowMs();
      const claimed = await updateJobIfState(trx, id, 'queued', {
        state: 'running',
        phase: 'loading',
        progressPct: 0,
        attempts: job.attempts + 1,
        workerId: this.options.workerId,
        leaseExpiresAtMs: nowMs + this.leaseMs,
        startedAtMs: nowMs,
        updatedAtMs: nowMs,
      });
      if (!claimed) return undefined;
      await this.audit(trx, job, 'job.started', { attempt: job.attempts + 1 });
      return { ...job, state: 'running' as const, attempts: job.attempts + 1 };
    });
  }

  private async run(job: JobRecord): Promise<void> {
    const workerId = this.options.workerId;
    let lastPct = -1;
    let lastPhase = '';
    const renewLease = async (changes: { phase?: string; progressPct?: number } = {}) => {
      const nowMs = this.deps.clock.nowMs();
      const held = await updateJobIfState(
        this.deps.db,
        job.id,
        'running',
        { ...changes, leaseExpiresAtMs: nowMs + this.leaseMs, updatedAtMs: nowMs },
        workerId,
      );
      if (!held) throw new RunStopped('lease_lost');
    };
    const heartbeat = setInterval(
      () => void renewLease().catch(() => undefined),
      Math.max(Math.floor(this.leaseMs / 3), 10),
    );
    const onProgress = async (update: ProgressUpdate) => {
      if (this.stopping) throw new RunStopped('shutdown');
      // Progress never goes back, whatever order the engine reports its stages in.
      const pct = Math.max(lastPct, 0, Math.min(99, Math.floor(update.pct)));
      if (pct !== lastPct || update.phase !== lastPhase) {
        lastPct = pct;
        lastPhase = update.phase;
        await renewLease({ phase: update.phase, progressPct: pct });
      }
      const current = await findJob(this.deps.db, job.id);
      if (current?.cancelRequested) throw new RunStopped('cancelled');
    };
    try {
      const [revision, dataset, provider] = await Promise.all([
        findRevision(this.deps.db, job.datasetId, job.datasetRevision),
        findDataset(this.deps.db, job.datasetId),
        findOrganization(this.deps.db, job.organizationId),
      ]);
      if (!revision || !dataset)
        throw new Error(`dataset revision ${job.datasetId}@${job.datasetRevision} is missing`);
      await onProgress({ phase: 'loading', pct: 1 });
      const result = await this.engine.anonymize(
        {
          // The engine's worker thread reads and decrypts the upload itself, a chunk at a time.
          blob: { sha256: revision.rawSha256, raw: true, sizeBytes: revision.sizeBytes },
          format: revision.format as DataFormat,
          // The encoding the upload was read in; an Arrow upload's is `binary`, no text encoding.
          encoding:
            revision.encoding === null || revision.encoding === 'binary'
              ? undefined
              : revision.encoding,
          policyYaml: job.policyYaml,
          policySource: job.policyName,
          seed: job.seed,
          rawSha256: revision.rawSha256,
          certificate: {
            ...(provider ? { provider: { name: provider.name, uscc: provider.uscc } } : {}),
            dataset: { id: dataset.id, name: dataset.name, revision: job.datasetRevision },
            jobId: job.id,
          },
        },
        onProgress,
      );
      // Anonymized outputs are stored in the clear (raw: false): they are what gets listed.
      const artifact = Buffer.isBuffer(result.artifact)
        ? await this.deps.blobs.put(result.artifact, { raw: false })
        : result.artifact;
      const report = await this.deps.blobs.put(Buffer.from(canonicalJson(result.report), 'utf8'), {
        raw: false,
      });
      const reportHtml = await this.deps.blobs.put(Buffer.from(result.reportHtml, 'utf8'), {
        raw: false,
      });
      const output = {
        artifactSha256: artifact.sha256,
        artifactSizeBytes: artifact.sizeBytes,
        artifactFormat: result.artifactFormat,
        reportSha256: report.sha256,
        reportHtmlSha256: reportHtml.sha256,
        level: result.level,
        gatePassed: result.gatePassed,
        summary: result.summary,
      };
      await this.finish(
        job,
        'succeeded',
        { output, progressPct: 100, phase: 'done' },
        {
          artifactSha256: artifact.sha256,
          reportSha256: report.sha256,
          level: result.level,
          gatePassed: result.gatePassed,
        },
      );
    } catch (error) {
      if (error instanceof RunStopped) {
        if (error.why === 'cancelled') await this.finish(job, 'cancelled', { phase: null }, {});
        if (error.why === 'shutdown') await this.release(job);
        return;
      }
      const reason = isAnonexError(error)
        ? `${error.code}: ${error.message}`
        : 'internal error while running the job';
      if (!isAnonexError(error))
        this.deps.logger.error({ err: error, jobId: job.id }, 'job failed');
      await this.finish(job, 'failed', { failureReason: reason }, { reason });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async finish(
    job: JobRecord,
    state: 'succeeded' | 'failed' | 'cancelled',
    changes: Parameters<typeof updateJobIfState>[3],
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.db.transaction(async (trx) => {
      const nowMs = this.deps.clock.nowMs();
      const changed = await updateJobIfState(
        trx,
        job.id,
        'running',
        { ...changes, state, leaseExpiresAtMs: null, finishedAtMs: nowMs, updatedAtMs: nowMs },
        this.options.workerId,
      );
      if (changed) await this.audit(trx, job, `job.${state}`, details);
    });
  }

  /** Graceful shutdown: back to the queue, the interrupted attempt not counted. */
  private async release(job: JobRecord): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await updateJobIfState(
      this.deps.db,
      job.id,
      'running',
      {
        state: 'queued',
        phase: null,
        progressPct: 0,
        attempts: job.attempts - 1,
        workerId: null,
        leaseExpiresAtMs: null,
        updatedAtMs: nowMs,
      },
      this.options.workerId,
    );
  }

  private async audit(
    trx: Parameters<typeof recordAudit>[0],
    job: JobRecord,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(trx, {
      actor: ACTOR,
      organizationId: job.organizationId,
      action,
      target: job.id,
      requestId: null,
      atMs: this.deps.clock.nowMs(),
      details,
    });
  }
}
