// Where a benchmark's CPU went: the machine's busy share over an interval (every process, from
// os.cpus()) and the CPU seconds of given processes (Linux /proc/<pid>/stat: user + system, in
// clock ticks). A scaling figure means something only while the machine has CPU to spare; these
// say whether it had.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux's USER_HZ: /proc reports CPU times in ticks of 1/100 s on every common architecture. */
const TICKS_PER_SECOND = 100;

interface CpuSnapshot {
  readonly busyMs: number;
  readonly totalMs: number;
  readonly processTicks: readonly number[];
}

function processTicks(pid: number): number {
  // Field 2 (the command) may hold spaces; the fields after its closing parenthesis are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command.
  return Number(fields[11]) + Number(fields[12]);
}

function snapshot(pids: readonly number[]): CpuSnapshot {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs, processTicks: pids.map(processTicks) };
}

export interface CpuAccount {
  /** Share of all the machine's CPUs busy over the interval, 0–1. */
  readonly machineBusy: number;
  /** CPUs' worth of work each given process did over the interval (1.0 = one CPU all the time). */
  readonly processCpus: readonly number[];
}

/** Runs `work` and says how busy the machine and the given processes were while it ran. */
export async function accountCpu<T>(
  pids: readonly number[],
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuAccount }> {
  const before = snapshot(pids);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const after = snapshot(pids);
  return {
    result,
    cpu: {
      machineBusy: (after.busyMs - before.busyMs) / (after.totalMs - before.totalMs),
      processCpus: pids.map(
        (_, index) =>
          (after.processTicks[index] - before.processTicks[index]) / TICKS_PER_SECOND / seconds,
      ),
    },
  };
}

export function formatCpuAccount(label: string, names: readonly string[], cpu: CpuAccount): string {
  const parts = names.map((name, index) => `${name} ${cpu.processCpus[index].toFixed(2)}`);
  return `  ${label}: machine ${(cpu.machineBusy * 100).toFixed(0)} % busy of ${cpus().length} CPUs; CPUs used: ${parts.join(', ')}`;
}
