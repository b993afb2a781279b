// Group commit: records that arrive while one transaction is being written form the next, so a
// burst of small writes (orders, one access-log row per buyer query) costs one transaction per
// group, not one per record. Each caller's promise settles once its group has committed.
import type { Database, Queryable } from '../store/db.js';

/** What became of one record of a group: its result, or its own refusal (its neighbours go on). */
export type Settlement<R> = { readonly value: R } | { readonly refusal: unknown };

interface Pending<T, R> {
  readonly record: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<T, R = void> {
  private queue: Pending<T, R>[] = [];
  private writing = false;

  constructor(
    private readonly db: Database,
    /**
     * Writes `records` inside `trx` (one transaction; all or none) and says what became of each,
     * in order. Throwing rolls the group back: each record is then tried alone, so a record the
     * database refuses fails alone.
     */
    private readonly write: (trx: Queryable, records: readonly T[]) => Promise<Settlement<R>[]>,
    /** Records in one transaction at most (its statements grow with it). */
    private readonly maxGroup = 256,
  ) {}

  /** Settles once `record`'s group has committed: with its result, or its own refusal. */
  add(record: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      // Records added in the same turn of the event loop join the first group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        try {
          await this.commit(group);
        } catch (error) {
          if (group.length === 1) group[0].reject(error);
          else
            for (const pending of group)
              await this.commit([pending]).catch((failure: unknown) => pending.reject(failure));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** One transaction for `group`; settles each record once committed, or throws and settles none. */
  private async commit(group: readonly Pending<T, R>[]): Promise<void> {
    const settlements = await this.db.transaction((trx) =>
      this.write(
        trx,
        group.map((pending) => pending.record),
      ),
    );
    group.forEach((pending, index) => {
      const settlement = settlements[index];
      if ('value' in settlement) pending.resolve(settlement.value);
      else pending.reject(settlement.refusal);
    });
  }
}
