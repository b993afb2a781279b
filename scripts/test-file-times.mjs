// Which test files take the time: a mocha plugin that, in every worker, appends one line
// "<ms>\t<file>" per test file to $FILE_TIMES (the worker's time since its previous file ended:
// import, hooks and tests), then prints the slowest files once the run is over.
//
//   FILE_TIMES=/tmp/times.tsv npx mocha --require scripts/test-file-times.mjs 'test/**/*.test.ts'
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';

const output = process.env.FILE_TIMES;
let previousEnd = performance.now();

export const mochaHooks = {
  afterAll() {
    if (!output) return;
    const root = this.test?.parent;
    const file = root?.suites?.[0]?.file ?? root?.tests?.[0]?.file ?? '(unknown)';
    const now = performance.now();
    appendFileSync(output, `${Math.round(now - previousEnd)}\t${relative(process.cwd(), file)}\n`);
    previousEnd = now;
  },
};

export function mochaGlobalTeardown() {
  if (!output || !existsSync(output)) return;
  const rows = readFileSync(output, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .map(([ms, file]) => ({ ms: Number(ms), file }))
    .sort((a, b) => b.ms - a.ms);
  const totalS = rows.reduce((sum, row) => sum + row.ms, 0) / 1000;
  process.stdout.write(`\n${rows.length} files, ${totalS.toFixed(0)} s of worker time; slowest:\n`);
  for (const row of rows.slice(0, 15))
    process.stdout.write(`${(row.ms / 1000).toFixed(1).padStart(7)} s  ${row.file}\n`);
}
