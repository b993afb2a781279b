// Coalesced point reads: the keys asked for while one read is under way (or in the same turn of the
// event loop) are read together by the next one, so a burst of lookups (every request's API key
// under load) costs one statement per burst, not one per lookup. A key is always answered by a
// read that began after it was asked for, so a change committed before the ask (a revoked key) is
// seen, as it is by a read of its own.

interface Waiting<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

export class CoalescedRead<K, V> {
  private waiting = new Map<K, Waiting<V>[]>();
  private reading = false;

  constructor(
    /** Reads `keys` (distinct) in one go; the map holds those found. */
    private readonly readMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
    /** Keys in one read at most (its statement grows with it). */
    private readonly maxKeys = 256,
  ) {}

  /** What the next read finds for `key`, or undefined; rejects when that read fails. */
  read(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.reading) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      // Keys asked for in the same turn of the event loop join the first read.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.size > 0) {
        const batch = this.takeBatch();
        try {
          const found = await this.readMany([...batch.keys()]);
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
        } catch (error) {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        }
      }
    } finally {
      this.reading = false;
    }
  }

  /** Up to `maxKeys` of the waiting keys, oldest first, taken off the waiting list. */
  private takeBatch(): Map<K, Waiting<V>[]> {
    if (this.waiting.size <= this.maxKeys) {
      const batch = this.waiting;
      this.waiting = new Map();
      return batch;
    }
    const batch = new Map<K, Waiting<V>[]>();
    for (const [key, waiters] of this.waiting) {
      if (batch.size === this.maxKeys) break;
      batch.set(key, waiters);
      this.waiting.delete(key);
    }
    return batch;
  }
}
