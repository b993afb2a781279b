// The administrator's home: the work waiting across the exchange — reviews, overdue and disputed
// access requests, failing jobs — and the health of the ledger and of storage.
import { statfs } from 'node:fs/promises';
import { isAnonexError } from '../core/errors.js';
import { countPendingOutbox } from '../store/repositories/ledger.js';
import {
  countAccessRequests,
  countLapsedRunningJobs,
  recentFailedJobs,
  reviewBacklog,
  type FailedJobRow,
} from '../store/repositories/work-overview.js';
import type { ServiceDeps } from './deps.js';
import type { LedgerService, ReconciliationStatus } from './ledger/index.js';
import { requireRole } from './principal.js';
import type { ReadinessService } from './readiness.js';
import type { RequestContext } from './request-context.js';

const DAY_MS = 86_400_000;
/** Failed jobs counted over this window (a week: what an administrator looks back on). */
const FAILED_JOB_WINDOW_MS = 7 * DAY_MS;
/** Below this share of free space the data directory is flagged. */
const LOW_DISK_SHARE = 0.1;

export interface WorkOverview {
  readonly pendingReviews: { readonly count: number; readonly oldestMs: number | null };
  readonly overdueRequests: number;
  readonly disputedRequests: number;
  readonly failedJobs: {
    readonly count: number;
    readonly sinceMs: number;
    readonly newest: readonly FailedJobRow[];
  };
  readonly lapsedRunningJobs: number;
  readonly ledger: {
    readonly treeSize: number;
    /** Events recorded but not yet sequenced into the log. */
    readonly pendingEvents: number;
    readonly reconciliation: ReconciliationStatus;
    readonly differences: number;
  };
  readonly storage: {
    readonly database: 'reachable' | 'unreachable';
    readonly migrations: 'applied' | 'pending' | 'unknown';
    /** Free share of the data directory's file system; null when it cannot be read. */
    readonly freeShare: number | null;
    readonly freeBytes: number | null;
    readonly lowDisk: boolean;
  };
}

export class WorkOverviewService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly ledger: Pick<LedgerService, 'latestCheckpoint'>,
    private readonly readiness: Pick<ReadinessService, 'checkReadiness'>,
  ) {}

  async overview(context: RequestContext): Promise<WorkOverview> {
    requireRole(context.principal, 'admin');
    const db = this.deps.readDb;
    const nowMs = this.deps.clock.nowMs();
    const sinceMs = nowMs - FAILED_JOB_WINDOW_MS;
    const [
      pendingReviews,
      overdue,
      disputed,
      failed,
      lapsed,
      pendingEvents,
      checkpoint,
      ready,
      disk,
    ] = await Promise.all([
      reviewBacklog(db, 'pending'),
      // Overdue: escalated, or still pending past the deadline before the escalation worker ran.
      Promise.all([
        countAccessRequests(db, ['overdue']),
        countAccessRequests(db, ['pending'], nowMs),
      ]).then(([escalated, late]) => escalated + late),
      countAccessRequests(db, ['disputed']),
      recentFailedJobs(db, sinceMs, 5),
      countLapsedRunningJobs(db, nowMs),
      countPendingOutbox(db),
      this.ledger.latestCheckpoint().catch((error: unknown) => {
        if (isAnonexError(error) && error.code === 'not_found') return undefined;
        throw error;
      }),
      this.readiness.checkReadiness(),
      statfs(this.deps.config.dataDir).catch(() => undefined),
    ]);
    const freeShare = disk && disk.blocks > 0 ? disk.bavail / disk.blocks : null;
    return {
      pendingReviews,
      overdueRequests: overdue,
      disputedRequests: disputed,
      failedJobs: { ...failed, sinceMs },
      lapsedRunningJobs: lapsed,
      ledger: {
        treeSize: checkpoint?.treeSize ?? 0,
        pendingEvents,
        reconciliation: ready.ledgerReconciliation,
        differences: ready.ledgerDifferences,
      },
      storage: {
        database: ready.database,
        migrations: ready.migrations,
        freeShare,
        freeBytes: disk ? disk.bavail * disk.bsize : null,
        lowDisk: freeShare !== null && freeShare < LOW_DISK_SHARE,
      },
    };
  }
}
