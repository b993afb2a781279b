// The shape of a long-running worker (job runner, ledger sequencer, deadline sweeper) that the
// gateway starts after listening and stops, awaiting in-flight work, on shutdown.

export interface BackgroundWorker {
  /** Short name for logs, e.g. `ledger-sequencer`. */
  readonly name: string;
  /** Starts the worker's loop or timers; must not throw for transient failures. */
  start(): void;
  /** Stops taking new work and resolves when in-flight work has finished. */
  stop(): Promise<void>;
}
