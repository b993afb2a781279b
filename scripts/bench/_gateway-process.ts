// Starts a gateway as a child process for a benchmark (so the load generator's own work never
// weighs on the event loop being measured), on a fresh DATA_DIR unless one is given, and reports
// its URL, first-start admin key, and peak memory (VmHWM of the whole process, worker threads
// included).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./_gateway-entry.ts', import.meta.url));

export interface GatewayProcess {
  readonly url: string;
  /** The admin key printed at first start; undefined when DATA_DIR's database already had one. */
  readonly adminKey: string | undefined;
  readonly dataDir: string;
  readonly pid: number;
  /** Peak resident memory so far (MiB). */
  peakRssMiB(): number;
  /** Starts the peak over from the resident memory now (Linux clear_refs 5), to measure a phase. */
  resetPeakRss(): void;
  /** Resident memory now (MiB). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  env: Readonly<Record<string, string>> = {},
  nodeOptions: readonly string[] = [],
): Promise<GatewayProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'anonex-bench-'));
  const child = await startUrlProcess(
    ENTRY,
    { LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env, DATA_DIR: dataDir },
    nodeOptions,
  );
  const status = (field: string) => {
    const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) / 1024 : 0;
  };
  return {
    url: child.url,
    adminKey: child.started.adminKey as string | undefined,
    dataDir,
    pid: child.pid,
    peakRssMiB: () => status('VmHWM'),
    resetPeakRss: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    rssMiB: () => status('VmRSS'),
    stop: child.stop,
  };
}

export interface UrlProcess {
  readonly url: string;
  readonly pid: number;
  /** The JSON line the process printed once listening. */
  readonly started: Readonly<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry in a child process (`nodeOptions` first, e.g. `taskset` is the caller's),
 * and waits for the JSON line `{"url": …}` it prints once listening.
 */
export async function startUrlProcess(
  entry: string,
  env: Readonly<Record<string, string>>,
  nodeOptions: readonly string[] = [],
  command: readonly string[] = [],
): Promise<UrlProcess> {
  const [program, ...prefix] = command.length > 0 ? command : [process.execPath];
  const args = [...prefix, ...(command.length > 0 ? [process.execPath] : []), ...nodeOptions];
  const child: ChildProcess = spawn(program, [...args, '--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited with ${code} before listening`)),
    );
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
  return {
    url: started.url as string,
    pid: child.pid!,
    started,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
