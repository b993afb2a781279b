// Equivalence class sizes alone, without a class per record, for the figures that read nothing
// else (k, risk, distinction and separation of the original table). When one column is nearly
// unique (a cost in fen, a timestamp), hashing every row's combined key misses the cache on almost
// every row; bucketing the rows by that column's code (a counting sort) and sorting each small
// bucket on the other columns' combined key reads and writes memory in order instead.
import { countCodes, type DictionaryColumn } from '../table/dictionary-column.js';
import {
  checkRowCount,
  computeEquivalenceClasses,
  isDirectAddressable,
} from './equivalence-classes.js';

/** Keys up to 2^53 are exact in a double. */
const MAX_EXACT_KEY = 2 ** 53;
/** Buckets up to this many rows are insertion-sorted in place; larger ones by the typed-array sort. */
const INSERTION_SORT_MAX = 16;

/**
 * The sizes of the classes of rows with identical codes across `columns`, leaving out rows with
 * `excluded[row] !== 0`: the multiset `computeEquivalenceClasses(columns, { suppressed: excluded })
 * .classSizes` holds, in no particular order. Requires every column (and `excluded`) to have one
 * entry per row. Few combinations (a direct-address table) or keys too wide for a double go to
 * `computeEquivalenceClasses`.
 */
export function equivalenceClassSizes(
  columns: readonly DictionaryColumn[],
  excluded?: Uint8Array,
): Int32Array {
  const options = excluded ? { suppressed: excluded } : {};
  const rowCount = checkRowCount(columns, options);
  let widest = 0;
  let product = 1;
  for (let i = 0; i < columns.length; i++) {
    product *= Math.max(1, columns[i].dictionary.length);
    if (columns[i].dictionary.length > columns[widest].dictionary.length) widest = i;
  }
  const bucketColumn = columns[widest];
  const rest = columns.filter((_, i) => i !== widest);
  let restProduct = 1;
  for (const column of rest) restProduct *= Math.max(1, column.dictionary.length);
  if (
    bucketColumn === undefined ||
    isDirectAddressable(product, rowCount) ||
    restProduct > MAX_EXACT_KEY
  )
    return computeEquivalenceClasses(columns, options).classSizes;

  const { keys, starts } = groupByCode(bucketColumn, rest, excluded);
  const sizes = new Int32Array(keys.length);
  let classCount = 0;
  for (let bucket = 0; bucket + 1 < starts.length; bucket++) {
    const start = starts[bucket];
    const end = starts[bucket + 1];
    if (start === end) continue;
    sortRange(keys, start, end);
    let run = 1;
    for (let i = start + 1; i < end; i++) {
      if (keys[i] === keys[i - 1]) run++;
      else {
        sizes[classCount++] = run;
        run = 1;
      }
    }
    sizes[classCount++] = run;
  }
  return sizes.subarray(0, classCount);
}

/**
 * Counting sort of the included rows by `column`'s code, each row written as its combined key over
 * `rest` (Σ code_j · Π_{i<j} |dict_i|, exact below 2^53): bucket c holds the keys of the rows with
 * code c in `keys[starts[c] .. starts[c+1])`.
 */
function groupByCode(
  column: DictionaryColumn,
  rest: readonly DictionaryColumn[],
  excluded: Uint8Array | undefined,
): { keys: Float64Array; starts: Int32Array } {
  const counts = countCodes(column, excluded);
  const starts = new Int32Array(counts.length + 1);
  for (let code = 0; code < counts.length; code++) starts[code + 1] = starts[code] + counts[code];
  const cursor = starts.slice(0, counts.length);
  const keys = new Float64Array(starts[counts.length]);
  const codes = column.codes;
  const restCodes = rest.map((c) => c.codes);
  const restCardinalities = rest.map((c) => Math.max(1, c.dictionary.length));
  for (let row = 0; row < codes.length; row++) {
    if (excluded !== undefined && excluded[row] !== 0) continue;
    let key = 0;
    for (let j = 0; j < restCodes.length; j++) key = key * restCardinalities[j] + restCodes[j][row];
    keys[cursor[codes[row]]++] = key;
  }
  return { keys, starts };
}

/** Sorts `keys[start .. end)` ascending in place. */
function sortRange(keys: Float64Array, start: number, end: number): void {
  if (end - start > INSERTION_SORT_MAX) {
    keys.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= start && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}
