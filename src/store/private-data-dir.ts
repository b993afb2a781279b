// DATA_DIR readable by the gateway's user only: the directory and every directory under it 0700,
// every file 0600 (the SQLite database and its WAL/SHM, blobs, keys, the serving cache), checked and
// tightened at each start; and the process's umask set so everything created later is born so.
import { chmodSync, lstatSync, mkdirSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.js';

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Clears group and other bits of everything this process creates (files, directories, sockets). */
const PRIVATE_UMASK = 0o077;

export interface TightenedPath {
  readonly path: string;
  /** The permission bits found, e.g. 0o644. */
  readonly fromMode: number;
  readonly toMode: number;
}

/**
 * Creates `dataDir` if needed, sets the process umask to 0077 (SQLite, DuckDB and worker threads
 * create files through the process: their WAL, SHM, spill and cache files inherit it), then walks
 * the directory and tightens every directory to 0700 and every other entry to 0600. Symbolic links
 * are not followed (chmod would change their target, which may lie outside DATA_DIR). Returns what
 * it changed, for the start log; an entry it cannot change is `data_dir_insecure` naming the path.
 */
export function makeDataDirectoryPrivate(dataDir: string): TightenedPath[] {
  process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const tightened: TightenedPath[] = [];
  const visit = (path: string, stats: Stats) => {
    if (stats.isSymbolicLink()) return;
    const want = stats.isDirectory() ? PRIVATE_DIRECTORY_MODE : PRIVATE_FILE_MODE;
    const mode = stats.mode & 0o777;
    // Only group and other bits are removed; an owner-only file keeps its own bits (e.g. 0400).
    if ((mode & 0o077) !== 0 || (stats.isDirectory() && mode !== want)) {
      const toMode = stats.isDirectory() ? want : mode & 0o700;
      try {
        chmodSync(path, toMode);
      } catch (error) {
        throw new StoreError(
          'data_dir_insecure',
          `cannot make ${path} private (mode ${mode.toString(8)}): ${(error as Error).message}`,
          { details: { path, mode: mode.toString(8) }, cause: error },
        );
      }
      tightened.push({ path, fromMode: mode, toMode });
    }
    if (!stats.isDirectory()) return;
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      let childStats: Stats;
      try {
        childStats = lstatSync(child);
      } catch {
        continue; // removed meanwhile (a temp file of another gateway process)
      }
      visit(child, childStats);
    }
  };
  visit(dataDir, lstatSync(dataDir));
  return tightened;
}
