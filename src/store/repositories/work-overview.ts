// Counts for the administrator's home: what waits on someone across every organization.
import type { Queryable } from '../db.js';

const countOf = (row: unknown): number =>
  Number((row as { n?: number | string } | undefined)?.n ?? 0);

/** Reviews in `state`, and when the oldest of them was submitted. */
export async function reviewBacklog(
  db: Queryable,
  state: string,
): Promise<{ count: number; oldestMs: number | null }> {
  const row = (await db('reviews')
    .where({ state })
    .count({ n: '*' })
    .min({ oldest: 'submitted_at_ms' })
    .first()) as { n: number | string; oldest: number | string | null } | undefined;
  return {
    count: countOf(row),
    oldestMs: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
  };
}

/** Access requests in `states`; with `deadlineBeforeMs`, only those whose deadline has passed. */
export async function countAccessRequests(
  db: Queryable,
  states: readonly string[],
  deadlineBeforeMs?: number,
): Promise<number> {
  const query = db('access_requests').whereIn('state', [...states]);
  if (deadlineBeforeMs !== undefined) query.where('deadline_ms', '<', deadlineBeforeMs);
  return countOf(await query.count({ n: '*' }).first());
}

export interface FailedJobRow {
  readonly id: string;
  readonly organizationId: string;
  readonly failureReason: string | null;
  readonly atMs: number;
}

/** Jobs that failed since `sinceMs`, newest first, and how many there were. */
export async function recentFailedJobs(
  db: Queryable,
  sinceMs: number,
  limit: number,
): Promise<{ count: number; newest: FailedJobRow[] }> {
  const failed = () =>
    db('anonymization_jobs').where({ state: 'failed' }).where('updated_at_ms', '>=', sinceMs);
  const [count, rows] = await Promise.all([
    failed().count({ n: '*' }).first(),
    failed()
      .orderBy('updated_at_ms', 'desc')
      .limit(limit)
      .select('id', 'organization_id', 'failure_reason', 'updated_at_ms'),
  ]);
  return {
    count: countOf(count),
    newest: (rows as Record<string, unknown>[]).map((row) => ({
      id: String(row.id),
      organizationId: String(row.organization_id),
      failureReason: row.failure_reason === null ? null : String(row.failure_reason),
      atMs: Number(row.updated_at_ms),
    })),
  };
}

/** Running jobs whose worker lease has lapsed (a worker died; the runner will retry them). */
export async function countLapsedRunningJobs(db: Queryable, nowMs: number): Promise<number> {
  return countOf(
    await db('anonymization_jobs')
      .where({ state: 'running' })
      .where('lease_expires_at_ms', '<', nowMs)
      .count({ n: '*' })
      .first(),
  );
}
