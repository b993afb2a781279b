// Binds a column's dictionary to a hierarchy's leaves so generalization becomes a code remap.
import type { GeneralizationHierarchy } from './generalization-hierarchy.js';
import { HierarchyError } from './hierarchy-error.js';

/**
 * Maps each dictionary entry of a column to its leaf code in the hierarchy
 * (`result[dictionaryCode] = leafCode`). Every value the data holds must be a leaf of the
 * hierarchy: a missing one is a `hierarchy_value_missing` error naming the attribute, how many
 * values are missing and the first of them, since a silent fallback would leave it ungeneralized.
 */
export function toLeafCodes(
  hierarchy: GeneralizationHierarchy,
  dictionary: readonly string[],
  attribute: string,
): Int32Array {
  const leafCodes = new Int32Array(dictionary.length);
  const missing: string[] = [];
  for (let code = 0; code < dictionary.length; code++) {
    const leaf = hierarchy.leafIndex.get(dictionary[code]);
    if (leaf === undefined) missing.push(dictionary[code]);
    else leafCodes[code] = leaf;
  }
  if (missing.length > 0)
    throw new HierarchyError(
      'hierarchy_value_missing',
      `column ${attribute}: ${missing.length} value(s) are not in its hierarchy, first ${JSON.stringify(missing[0])}`,
      { details: { attribute, missing: missing.length } },
    );
  return leafCodes;
}

/**
 * Composes the dictionary→leaf map with a level map: `result[dictionaryCode]` is the code of the
 * value's label at `level`. Requires 0 <= level < hierarchy.height.
 */
export function toLevelCodes(
  hierarchy: GeneralizationHierarchy,
  leafCodes: Int32Array,
  level: number,
): Int32Array {
  const map = hierarchy.toLevel[level];
  const result = new Int32Array(leafCodes.length);
  for (let code = 0; code < leafCodes.length; code++) result[code] = map[leafCodes[code]];
  return result;
}
