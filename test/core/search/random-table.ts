// Small random tables with random consistent hierarchies for the search tests (seeded).
import type { Rng } from '../../../src/core/rng.js';
import { parseHierarchy } from '../../../src/core/hierarchy/index.js';
import type { GeneralizationHierarchy } from '../../../src/core/hierarchy/index.js';
import type { SearchInput } from '../../../src/core/search/index.js';
import { encodeColumn } from '../../../src/core/table/index.js';
import type { NaiveTable } from './naive-search.js';

/** A random hierarchy over `leafCount` leaves named `${prefix}0…`, `height` levels, `*` on top. */
export function randomHierarchy(
  rng: Rng,
  prefix: string,
  leafCount: number,
  height: number,
): GeneralizationHierarchy {
  const leaves = Array.from({ length: leafCount }, (_, i) => `${prefix}${i}`);
  // parentOf[level][label] for level 0 .. height-3; the last level is `*`.
  let labels = leaves;
  const paths = new Map<string, string[]>(leaves.map((leaf) => [leaf, [leaf]]));
  for (let level = 1; level < height - 1; level++) {
    const groups = Math.max(1, Math.ceil(labels.length / (1 + rng.nextInt(3))));
    const parentOf = new Map(
      labels.map((label) => [label, `${prefix}L${level}g${rng.nextInt(groups)}`]),
    );
    for (const path of paths.values()) path.push(parentOf.get(path[path.length - 1]) as string);
    labels = [...new Set(parentOf.values())];
  }
  for (const path of paths.values()) if (height > 1) path.push('*');
  return parseHierarchy([...paths.values()].map((path) => path.join(';')).join('\n'));
}

export interface RandomTable {
  readonly input: SearchInput;
  readonly naive: NaiveTable;
}

/** `rowCount` rows over `qiCount` QIs (2–5 leaves, height 2–4) and a sensitive column. */
export function randomTable(
  rng: Rng,
  rowCount: number,
  qiCount: number,
  sensitiveValues = 3,
): RandomTable {
  const hierarchies = Array.from({ length: qiCount }, (_, j) =>
    randomHierarchy(rng, `q${j}v`, 2 + rng.nextInt(4), 2 + rng.nextInt(3)),
  );
  // Skewed values so that some classes are large and some small.
  const rows = Array.from({ length: rowCount }, () =>
    hierarchies.map(
      (h) =>
        h.levels[0][Math.min(rng.nextInt(h.levels[0].length), rng.nextInt(h.levels[0].length))],
    ),
  );
  const sensitive = Array.from({ length: rowCount }, () =>
    String(1 + rng.nextInt(sensitiveValues)),
  );
  const input: SearchInput = {
    quasiIdentifiers: hierarchies.map((hierarchy, j) => ({
      column: encodeColumn(
        `q${j}`,
        rows.map((row) => row[j]),
      ),
      hierarchy,
    })),
    sensitive: encodeColumn('s', sensitive),
  };
  return { input, naive: { rows, sensitive, hierarchies } };
}
