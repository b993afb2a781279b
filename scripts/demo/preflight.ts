// What the demo checks before it writes anything, and how it takes back what it wrote when a step
// fails: a failed demo exits non-zero and leaves the data directory as it found it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Refused before anything is written: the message is the demo's one line on stderr. */
export class DemoPreflightError extends Error {
  override readonly name = 'DemoPreflightError';
}

export interface DemoDataDir {
  readonly path: string;
  /** Removes what the demo wrote: the directory when the demo made it, else its contents. */
  discard(): void;
}

/**
 * A fresh directory for the demo's gateway: a new temporary one by default; a named one must be
 * missing or empty (the demo creates its own organizations and keys, and must not touch a real
 * gateway's data).
 */
export function prepareDataDir(requested: string | undefined): DemoDataDir {
  if (requested === undefined) {
    const path = mkdtempSync(join(tmpdir(), 'anonex-demo-'));
    return { path, discard: () => rmSync(path, { recursive: true, force: true }) };
  }
  const path = resolve(requested);
  if (existsSync(path)) {
    const entries = readdirSync(path);
    if (entries.length > 0)
      throw new DemoPreflightError(
        `--data-dir ${path} is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}): use a new or empty directory`,
      );
    const emptyOut = () => {
      for (const entry of readdirSync(path))
        rmSync(join(path, entry), { recursive: true, force: true });
    };
    return { path, discard: emptyOut };
  }
  mkdirSync(path, { recursive: true });
  return { path, discard: () => rmSync(path, { recursive: true, force: true }) };
}

/** Resolves when `port` on `host` can be listened on (0 always can); else a preflight error. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DemoPreflightError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use: choose another --port, or 0 for any free one`
            : `cannot listen on ${host}:${port} (${error.code ?? error.message})`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolvePromise()));
  });
}

/** Parses `--port`: an integer in [0, 65535]. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new DemoPreflightError(`--port ${value}: want an integer from 0 to 65535`);
  return port;
}
