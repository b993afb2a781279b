// A first-in-first-out bound on work in flight: buyer queries and downloads past the bound wait
// here, costing the event loop nothing, instead of all starting their main-thread work at once and
// queueing everything else (a /healthz, the next order) behind it (issue 15).

/** Gives the place back; calling it again does nothing. */
export type Release = () => void;

export class AdmissionQueue {
  private running = 0;
  /** Waiters in arrival order; `head` is the next admitted (no O(n) shift per admission). */
  private waiters: (() => void)[] = [];
  private head = 0;

  /** Requires `limit` a positive integer: at most that many are admitted at once. */
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`AdmissionQueue limit must be a positive integer, got ${limit}`);
  }

  /** Admitted and not yet released. */
  get inFlight(): number {
    return this.running;
  }

  /** Waiting to be admitted. */
  get waiting(): number {
    return this.waiters.length - this.head;
  }

  /** Resolves once admitted (at once while fewer than `limit` run), in arrival order. */
  async admit(): Promise<Release> {
    if (this.running < this.limit && this.waiting === 0) this.running++;
    // The place is handed over by release(): `running` counts it already.
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOver();
    };
  }

  /** Runs `work` once admitted, and gives the place back when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.admit();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private handOver(): void {
    if (this.head < this.waiters.length) {
      const next = this.waiters[this.head];
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      next();
    } else this.running--;
  }
}
