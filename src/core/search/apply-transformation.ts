// Applies a full-domain transformation to the rows: generalized QI columns, suppressed records' QI
// cells set to `*`, and the suppression mask.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { rollUpClasses } from './node-classes.js';
import { judgeClasses } from './node-verdict.js';
import type { PreparedSearch } from './prepare-search.js';
import type { PrivacyCriteria } from './privacy-criteria.js';
import { resolveCriteria } from './privacy-criteria.js';
import { SearchError } from './search-error.js';

/** The label a suppressed record shows in every quasi-identifier (ARX's convention). */
export const SUPPRESSED_VALUE = '*';

export interface AppliedTransformation {
  readonly levels: readonly number[];
  /** `suppressed[row] === 1` for records in classes that violate the criteria. */
  readonly suppressed: Uint8Array;
  readonly suppressedCount: number;
  readonly classCount: number;
  readonly minClassSize: number;
  /** One generalized column per quasi-identifier, in input order, rows aligned with the input. */
  readonly columns: readonly DictionaryColumn[];
}

/**
 * Generalizes every QI to its level and suppresses the records of classes that violate
 * `criteria` (the same rule the search used). Requires one level per QI within its hierarchy.
 */
export function applyTransformation(
  prepared: PreparedSearch,
  levels: readonly number[],
  criteria: PrivacyCriteria,
): AppliedTransformation {
  const { hierarchies, names } = prepared;
  if (
    levels.length !== hierarchies.length ||
    levels.some(
      (level, j) => !(Number.isInteger(level) && level >= 0 && level < hierarchies[j].height),
    )
  )
    throw new SearchError(
      'search_invalid_input',
      'levels must give one valid level per quasi-identifier',
      {
        details: { levels: [...levels], heights: hierarchies.map((hierarchy) => hierarchy.height) },
      },
    );
  const levelVector = Int32Array.from(levels);
  const rollup = rollUpClasses(prepared.entries, levelVector, prepared.context, true);
  const classes = rollup.classes;
  const entryOfSource = rollup.entryOfSource as Int32Array;
  const verdict = judgeClasses(
    classes,
    resolveCriteria(criteria, prepared.sensitiveProfile !== null),
    prepared.sensitiveProfile,
  );
  const rowCount = prepared.recordCount;
  const suppressed = new Uint8Array(rowCount);
  const { entryOfRecord } = prepared;
  for (let row = 0; row < rowCount; row++)
    suppressed[row] = verdict.failing[classes.classOfEntry[entryOfSource[entryOfRecord[row]]]];
  const columns = hierarchies.map((hierarchy, j): DictionaryColumn => {
    const labels = hierarchy.levels[levels[j]];
    let starCode = labels.indexOf(SUPPRESSED_VALUE);
    const dictionary = starCode >= 0 ? labels : [...labels, SUPPRESSED_VALUE];
    if (starCode < 0) starCode = labels.length;
    // Generalize the dictionary (not the rows), then remap each row's code once.
    const toLabel = prepared.leafCodes[j].map((leaf) => hierarchy.toLevel[levels[j]][leaf]);
    const rowCodes = prepared.rowCodes[j];
    const codes = new Int32Array(rowCount);
    for (let row = 0; row < rowCount; row++)
      codes[row] = suppressed[row] === 1 ? starCode : toLabel[rowCodes[row]];
    return { name: names[j], dictionary, codes };
  });
  return {
    levels: [...levels],
    suppressed,
    suppressedCount: verdict.suppressedCount,
    classCount: verdict.releasedClassCount,
    minClassSize: verdict.minReleasedClassSize,
    columns,
  };
}
