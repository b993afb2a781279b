// A CPU budget for one process (Linux cgroup v1 `cpu` controller, as root): the process and every
// thread it starts later (workers, the query engine's threads) may use at most `cpus` CPUs' worth
// of time per 100 ms. two-gateways.ts uses it to give each gateway a fixed share of a small
// machine, standing in for a machine of its own, so the scaling figure says whether the gateways
// share a bottleneck rather than whether the machine has spare cores.
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CPU_CONTROLLER = '/sys/fs/cgroup/cpu';
const PERIOD_US = 100_000;

export interface CpuQuota {
  /** Moves the process back to the root group and removes its group. */
  release(): void;
}

export function limitCpu(pid: number, cpus: number, name: string): CpuQuota {
  if (!existsSync(join(CPU_CONTROLLER, 'cpu.cfs_quota_us')))
    throw new Error(
      `--cpu-quota needs the cgroup v1 cpu controller at ${CPU_CONTROLLER} (and root)`,
    );
  const group = join(CPU_CONTROLLER, `anonex-bench-${name}-${process.pid}`);
  mkdirSync(group);
  writeFileSync(join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
  writeFileSync(join(group, 'cpu.cfs_quota_us'), String(Math.round(cpus * PERIOD_US)));
  writeFileSync(join(group, 'cgroup.procs'), String(pid));
  return {
    release() {
      try {
        writeFileSync(join(CPU_CONTROLLER, 'cgroup.procs'), String(pid));
      } catch {
        // The process has ended: its group is empty already.
      }
      rmdirSync(group);
    },
  };
}
