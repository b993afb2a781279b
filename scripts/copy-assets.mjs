// Copies non-TypeScript files that the runtime reads (web assets, calendars, region tables) from src/ to dist/.
import { cpSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';

const copied = new Set([
  '.css',
  '.js',
  '.csv',
  '.json',
  '.html',
  '.svg',
  '.txt',
  '.yaml',
  '.ico',
  '.png',
]);

function copyTree(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (copied.has(extname(entry.name))) {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target);
    }
  }
}

copyTree('src', 'dist');
