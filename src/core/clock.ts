// Time as an injected value: core and services never read the system clock themselves.

/** A source of the current time in milliseconds since the Unix epoch (UTC). */
export interface Clock {
  nowMs(): number;
}

/** The real clock; only composition roots (CLI, server) create it. */
export const systemClock: Clock = Object.freeze({ nowMs: () => Date.now() });

/** A clock that stands still until moved: the one tests use. */
export class ManualClock implements Clock {
  constructor(private currentMs: number) {}
  nowMs(): number {
    return this.currentMs;
  }
  /** Moves the clock forward by `deltaMs` (may be negative only in tests of skew). */
  advance(deltaMs: number): void {
    this.currentMs += deltaMs;
  }
  set(nowMs: number): void {
    this.currentMs = nowMs;
  }
}
