// `npm run bench`: runs every benchmark script in scripts/bench/ one after another, each in its own
// process (so one's heap does not weigh on the next), or only those named: `npm run bench -- ledger`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(benchDirectory)
  .filter(
    (name) =>
      name.endsWith('.ts') &&
      !name.startsWith('_') &&
      name !== basename(fileURLToPath(import.meta.url)),
  )
  .filter((name) => wanted.length === 0 || wanted.includes(name.replace(/\.ts$/, '')))
  .sort();

if (scripts.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(', ')}\n`);
  process.exit(2);
}

let failures = 0;
for (const script of scripts) {
  process.stdout.write(`\n== ${script}\n`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(benchDirectory, script)],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failures += 1;
}
process.exit(failures === 0 ? 0 : 1);
