// A query engine and a scratch directory for one mocha suite: opened lazily, closed and removed after it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsEngine } from '../../src/services/delivery/analytics-engine.js';

/**
 * Registers the suite's `before`/`after` hooks (call it inside `describe`): a two-thread engine with
 * a small memory limit, and a fresh directory named `prefix…` for its files. `directory()` is valid
 * from the first test on.
 */
export function useScratchEngine(prefix: string): {
  engine: AnalyticsEngine;
  directory: () => string;
} {
  const engine = new AnalyticsEngine({ threads: 2, memoryMb: 256, cacheMb: 64, directory: '' });
  let directory: string | undefined;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    await engine.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return {
    engine,
    directory: () => {
      if (!directory)
        throw new Error('useScratchEngine: the directory exists from the first test on');
      return directory;
    },
  };
}
