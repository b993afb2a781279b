// Starts a worker thread from a module of this tree, built (.js) or run from source under tsx (.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `entry` (the built module's URL, ending in `.js`) in a worker thread. Run from source (tests,
 * `npx tsx`) there is no .js beside this file: the worker loads the .ts module through tsx's API from
 * a small bootstrap script instead.
 */
export function startModuleWorker(entry: URL, options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry, options);
  const source = entry.href.replace(/\.js$/, '.ts');
  // tsx's ESM API by file (import.meta.resolve is not there when tsx runs this file as CommonJS).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
