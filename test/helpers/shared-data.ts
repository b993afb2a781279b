// The reference data sets the tests read from ../shared/data (beside the repository; CI copies
// shared/ there). A missing one fails the tests that need it with a message saying so: they
// never skip silently, so a run without the data cannot pass for a run with it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path (ending in `/`) of ../shared/data/<name>/ as seen from the repository root. */
export function sharedDataPath(name: 'adult' | 'peers'): string {
  return fileURLToPath(new URL(`../../../shared/data/${name}/`, import.meta.url));
}

/** Throws a clear error unless `file` (default: the folder itself) of data set `name` exists. */
export function requireSharedData(name: 'adult' | 'peers', file = ''): string {
  const directory = sharedDataPath(name);
  if (!existsSync(directory + file)) {
    throw new Error(
      `the reference data ${directory}${file} is missing: these tests read ../shared/data/${name} ` +
        'beside the repository (see the brief; CI copies shared/ there) and cannot run without it',
    );
  }
  return directory;
}
