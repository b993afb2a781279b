#!/usr/bin/env node
// Entry point for `npx anonex`: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from '../dist/cli/index.js';

main(process.argv).catch((error) => {
  process.stderr.write(`anonex: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
