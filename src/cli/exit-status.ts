// The exit statuses of `anonex` (docs/cli.md lists them) and the error a command throws to end
// with a chosen status after it has printed its output.

export const EXIT_STATUS = {
  /** The command did what was asked (for `evaluate`: the GB/T 42460 gate passes). */
  ok: 0,
  /** An error: a typed error's one line on stderr, nothing measured or written. */
  error: 1,
  /** A usage error: an unknown option, a bad option value; the help follows on stderr. */
  usage: 2,
  /** `evaluate` measured the table and the GB/T 42460 gate fails; the figures are printed. */
  gateFailed: 3,
} as const;
export type ExitStatus = (typeof EXIT_STATUS)[keyof typeof EXIT_STATUS];

/** Ends a command that has printed its result with a non-zero status and one line on stderr. */
export class CommandExit extends Error {
  constructor(
    message: string,
    readonly exitStatus: ExitStatus,
  ) {
    super(message);
    this.name = 'CommandExit';
  }
}
