// Writes every hierarchy in fixtures/hierarchies.ts to policies/hierarchies/ (ARX format).
//   npx tsx scripts/generate-hierarchies.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { HIERARCHY_FILES, toHierarchyText } from '../fixtures/hierarchies.js';

for (const file of HIERARCHY_FILES) {
  const rows = file.rows();
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, toHierarchyText(rows));
  console.log(`${file.path}: ${rows.length} values, ${rows[0].length - 1} levels above the value`);
}
