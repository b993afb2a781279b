// A one-line progress bar on stderr for long CLI runs; silent when stderr is not a terminal.

/** Where the bar draws: process.stderr, or a capture in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressBar {
  /** Redraws (at most every `intervalMs`) with `done` of `total` and an optional detail. */
  update(done: number, total: number, detail?: string): void;
  /** Clears the line; the bar draws nothing afterwards. */
  finish(): void;
}

export interface ProgressBarOptions {
  /** Draw even when the stream is not a terminal (tests). */
  readonly force?: boolean;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * A bar like `search [#########-----------]  45%  checked 120`. Draws with `\r` on one line,
 * so it never mixes with stdout (which carries the JSON).
 */
export function createProgressBar(
  stream: ProgressStream,
  label: string,
  options: ProgressBarOptions = {},
): ProgressBar {
  const enabled = options.force === true || stream.isTTY === true;
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? (() => Date.now());
  let lastDrawMs = -Infinity;
  let finished = false;
  let drawn = false;
  return {
    update(done, total, detail = '') {
      if (!enabled || finished) return;
      const at = now();
      if (at - lastDrawMs < intervalMs && done < total) return;
      lastDrawMs = at;
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const width = Math.max(
        10,
        Math.min(30, (stream.columns ?? 80) - label.length - detail.length - 12),
      );
      const filled = Math.round(fraction * width);
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${detail}\x1b[K`,
      );
      drawn = true;
    },
    finish() {
      if (finished) return;
      finished = true;
      if (enabled && drawn) stream.write('\r\x1b[K');
    },
  };
}
