// Starts a gateway as a child process for a benchmark (so the load generator's own work never
// weighs on the event loop being measured), on a fresh DATA_DIR unless one is given, and reports
// its URL, first-start admin key, and peak memory (VmHWM of the whole process, worker threads
// included).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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
  /** Resident memory now (MiB). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  env: Readonly<Record<string, string>> = {},
  nodeOptions: readonly string[] = [],
): Promise<GatewayProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'anonex-bench-'));
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<{ url: string; adminKey?: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code} before listening`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"url"'))
        resolve(JSON.parse(line) as { url: string; adminKey?: string });
    });
  });
  const status = (field: string) => {
    const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) / 1024 : 0;
  };
  return {
    url: started.url,
    adminKey: started.adminKey,
    dataDir,
    pid: child.pid!,
    peakRssMiB: () => status('VmHWM'),
    rssMiB: () => status('VmRSS'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
