// Builds dist/ when it is missing or older than any source file, so `npm start` always runs current code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const marker = 'dist/cli/index.js';
if (!existsSync(marker) || statSync(marker).mtimeMs < newestMtimeMs('src')) {
  process.stderr.write('anonex: building (tsc)…\n');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
