// Locates released (generalized) values in a generalization hierarchy: at which level each label
// sits and how many leaves of the hierarchy it covers, for the hierarchy-based utility metrics.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { PrivacyError } from './privacy-error.js';

/** Per released dictionary code: the label's level and its leaf count in the hierarchy. */
export interface GeneralizedValues {
  readonly levelOfCode: Int32Array;
  readonly leavesOfCode: Int32Array;
  /** Leaves of the whole hierarchy. */
  readonly totalLeaves: number;
  /** The single level every value sits at (full-domain generalization), or null (local recoding). */
  readonly columnLevel: number | null;
}

/**
 * Resolves each value of `released` (restricted to rows with `used[row] !== 0`, all rows when
 * absent). With `level` given, every value must be a label at that level. Otherwise the column
 * level is the lowest level holding every value (full-domain generalization, as ARX applies);
 * when none does, each value takes the lowest level holding it (local recoding). A value in no
 * level is a `privacy_hierarchy_mismatch` error naming the column.
 */
export function resolveGeneralizedValues(
  released: DictionaryColumn,
  hierarchy: GeneralizationHierarchy,
  options: { level?: number; used?: Uint8Array } = {},
): GeneralizedValues {
  const used = usedCodes(released, options.used);
  const indexes = hierarchy.levels.map(
    (labels) => new Map(labels.map((label, code) => [label, code])),
  );
  const totalLeaves = hierarchy.levels[0].length;
  const codes = released.dictionary.length;
  const levelOfCode = new Int32Array(codes).fill(-1);
  const leavesOfCode = new Int32Array(codes);
  const assign = (code: number, level: number): boolean => {
    const labelCode = indexes[level].get(released.dictionary[code]);
    if (labelCode === undefined) return false;
    levelOfCode[code] = level;
    leavesOfCode[code] = hierarchy.leafCounts[level][labelCode];
    return true;
  };
  const candidates = options.level === undefined ? [...indexes.keys()] : [options.level];
  for (const level of candidates) {
    if (level < 0 || level >= hierarchy.height) break;
    let all = true;
    for (let code = 0; code < codes && all; code++)
      if (used[code] && !indexes[level].has(released.dictionary[code])) all = false;
    if (all) {
      for (let code = 0; code < codes; code++) if (used[code]) assign(code, level);
      return { levelOfCode, leavesOfCode, totalLeaves, columnLevel: level };
    }
  }
  if (options.level !== undefined) throw mismatch(released, options.level);
  for (let code = 0; code < codes; code++) {
    if (!used[code]) continue;
    let found = false;
    for (let level = 0; level < hierarchy.height && !found; level++) found = assign(code, level);
    if (!found) throw mismatch(released, null, released.dictionary[code]);
  }
  return { levelOfCode, leavesOfCode, totalLeaves, columnLevel: null };
}

function usedCodes(column: DictionaryColumn, used: Uint8Array | undefined): Uint8Array {
  const seen = new Uint8Array(column.dictionary.length);
  const codes = column.codes;
  for (let row = 0; row < codes.length; row++)
    if (used === undefined || used[row] !== 0) seen[codes[row]] = 1;
  return seen;
}

function mismatch(column: DictionaryColumn, level: number | null, value?: string): PrivacyError {
  return new PrivacyError(
    'privacy_hierarchy_mismatch',
    level === null
      ? `column ${column.name}: a released value is in no level of its hierarchy`
      : `column ${column.name}: some released values are not labels of hierarchy level ${level}`,
    { details: { column: column.name, level, valueLength: value?.length } },
  );
}
