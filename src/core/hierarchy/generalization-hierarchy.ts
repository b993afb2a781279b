// The typed form of a generalization hierarchy: per level a dictionary, a leaf→level code map and leaf counts.
import { HierarchyError } from './hierarchy-error.js';

/**
 * A value generalization hierarchy (ARX "hierarchy"): level 0 holds the original values
 * (leaves), each higher level a coarser label, the last level usually the single value `*`.
 *
 * ```
 *  level 2            *
 *                   /   \
 *  level 1     Government  Non-Government
 *               /    \        /     \
 *  level 0  Federal  Local  Private  Self-emp
 * ```
 *
 * Generalizing a column to level L is a code remap: `toLevel[L][leafCode]` is the code of the
 * level-L label in `levels[L]`. `leafCounts[L][code]` is the number of leaves under that label,
 * counted in the hierarchy (not in the data), which is what ARX's Loss metric uses.
 */
export interface GeneralizationHierarchy {
  /** Number of levels including level 0 (ARX's `getHeight()`); the highest level is height − 1. */
  readonly height: number;
  /** Distinct labels per level, in order of first appearance; `levels[0]` are the leaves. */
  readonly levels: readonly (readonly string[])[];
  /** Per level, a map from leaf code (index in `levels[0]`) to the code of its label at that level. */
  readonly toLevel: readonly Int32Array[];
  /** Per level, the number of leaves under each label (indexed by that level's code). */
  readonly leafCounts: readonly Int32Array[];
  /** Leaf value → leaf code. */
  readonly leafIndex: ReadonlyMap<string, number>;
}

/** A row of labels for one leaf (`[leaf, level1, …, top]`) and the 1-based line it came from. */
export interface HierarchyRow {
  readonly labels: readonly string[];
  readonly line: number;
}

/**
 * Builds the typed hierarchy from rows of labels. Requires at least one row; every row must
 * have the same number of labels (else `hierarchy_ragged_row`), leaves must be unique (else
 * `hierarchy_duplicate_value`) and a label at level L must always have the same label at
 * level L + 1 (else `hierarchy_inconsistent_parent`): otherwise generalization is not a function.
 */
export function buildHierarchy(rows: readonly HierarchyRow[]): GeneralizationHierarchy {
  if (rows.length === 0) throw new HierarchyError('hierarchy_empty', 'hierarchy has no rows');
  const height = rows[0].labels.length;
  const levelIndex: Map<string, number>[] = [];
  const levelLabels: string[][] = [];
  const firstLine: number[][] = [];
  for (let level = 0; level < height; level++) {
    levelIndex.push(new Map());
    levelLabels.push([]);
    firstLine.push([]);
  }
  const toLevelLists: number[][] = Array.from({ length: height }, () => []);
  for (const { labels, line } of rows) {
    if (labels.length !== height)
      throw new HierarchyError(
        'hierarchy_ragged_row',
        `hierarchy line ${line} has ${labels.length} fields, want ${height} like line ${rows[0].line}`,
        { details: { line, got: labels.length, want: height } },
      );
    if (levelIndex[0].has(labels[0]))
      throw new HierarchyError(
        'hierarchy_duplicate_value',
        `hierarchy line ${line} repeats the value of line ${firstLine[0][levelIndex[0].get(labels[0]) ?? 0]}`,
        { details: { line, firstLine: firstLine[0][levelIndex[0].get(labels[0]) ?? 0] } },
      );
    for (let level = 0; level < height; level++) {
      const label = labels[level];
      let code = levelIndex[level].get(label);
      if (code === undefined) {
        code = levelLabels[level].length;
        levelIndex[level].set(label, code);
        levelLabels[level].push(label);
        firstLine[level].push(line);
      }
      toLevelLists[level].push(code);
    }
  }
  // Parent consistency, checked per level on codes: each level-L code must see one level-L+1 code.
  for (let level = 0; level + 1 < height; level++) {
    const parents = new Int32Array(levelLabels[level].length).fill(-1);
    const children = toLevelLists[level];
    const above = toLevelLists[level + 1];
    for (let leaf = 0; leaf < children.length; leaf++) {
      const code = children[leaf];
      if (parents[code] === -1) parents[code] = above[leaf];
      else if (parents[code] !== above[leaf])
        throw new HierarchyError(
          'hierarchy_inconsistent_parent',
          `hierarchy line ${rows[leaf].line}: level ${level} label has parent at level ${level + 1} different from line ${firstLine[level][code]}`,
          { details: { line: rows[leaf].line, level, firstLine: firstLine[level][code] } },
        );
    }
  }
  const toLevel = toLevelLists.map((list) => Int32Array.from(list));
  const leafCounts = toLevel.map((map, level) => {
    const counts = new Int32Array(levelLabels[level].length);
    for (let leaf = 0; leaf < map.length; leaf++) counts[map[leaf]]++;
    return counts;
  });
  return Object.freeze({
    height,
    levels: Object.freeze(levelLabels.map((labels) => Object.freeze(labels))),
    toLevel: Object.freeze(toLevel),
    leafCounts: Object.freeze(leafCounts),
    leafIndex: levelIndex[0],
  });
}

/** The label of `leafCode` generalized to `level`; requires 0 <= level < height. */
export function labelAtLevel(
  hierarchy: GeneralizationHierarchy,
  leafCode: number,
  level: number,
): string {
  return hierarchy.levels[level][hierarchy.toLevel[level][leafCode]];
}
