// Prints, for each fixture policy over its committed sample, what the reviewer would read:
// rows suppressed, classes, k, l, GB/T 42460 context, R and level, and the gate's verdict. Exits 1
// when a policy is refused or releases a constant column (a column that tells nothing).
//   npx tsx scripts/check-fixture-policies.ts [--json] [fixture …]
import { parseArgs } from 'node:util';
import { FIXTURES } from '../fixtures/generators/index.js';
import { checkFixturePolicy } from '../fixtures/policy-check.js';

function main(): void {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const names = positionals.length > 0 ? positionals : FIXTURES.map((d) => d.name);
  const checks = names.map((name) => checkFixturePolicy(name));
  if (values.json) {
    console.log(JSON.stringify(checks, null, 2));
    return;
  }
  for (const c of checks) {
    console.log(
      `${c.fixture}: ${c.rows} rows, suppressed ${c.suppressed}, classes ${c.classes}, k ${c.k}, l ${c.l}, ` +
        `${c.context} R ${c.R?.toFixed(4)} → ${c.level}, gate ${c.pass ? 'pass' : 'REFUSED'}`,
    );
    for (const reason of c.reasons) console.log(`  refused: ${reason}`);
    for (const column of c.constantColumns) console.log(`  constant: ${column} (drop it)`);
  }
  if (checks.some((c) => !c.pass || c.constantColumns.length > 0)) process.exitCode = 1;
}

main();
