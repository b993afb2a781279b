// Per-class counts of a sensitive attribute's values in compressed sparse rows: the input of every
// l-diversity, t-closeness and δ-disclosure measure, built by a counting sort over typed arrays.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { EquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

/**
 * For class c, its distinct sensitive values are `valueCodes[classOffsets[c] .. classOffsets[c+1])`
 * with counts `valueCounts[…]`, sorted by count descending (ties by code ascending).
 * `tableCounts[code]` counts the value over all records in classes (suppressed records excluded),
 * so p_i = tableCounts[i] / classifiedCount.
 */
export interface ClassValueCounts {
  readonly classOffsets: Int32Array;
  readonly valueCodes: Int32Array;
  readonly valueCounts: Int32Array;
  readonly tableCounts: Int32Array;
  /** Records in classes: Σ classSizes. */
  readonly classifiedCount: number;
}

/** Counts `sensitive` per class of `classes`; requires one code per row of the classes' input. */
export function countClassValues(
  classes: EquivalenceClasses,
  sensitive: DictionaryColumn,
  weights?: Int32Array,
): ClassValueCounts {
  const rowCount = classes.classOfRecord.length;
  if (sensitive.codes.length !== rowCount) {
    throw new PrivacyError(
      'privacy_length_mismatch',
      `sensitive column ${sensitive.name} has ${sensitive.codes.length} rows, want ${rowCount}`,
      { details: { column: sensitive.name, got: sensitive.codes.length, want: rowCount } },
    );
  }
  const classOf = classes.classOfRecord;
  const codes = sensitive.codes;
  const classCount = classes.classCount;
  // Few classes times few values (a released table's dozens of classes): one pass into a
  // class × value table beats sorting the rows by class.
  if (weights === undefined && classCount * sensitive.dictionary.length <= rowCount + 4096)
    return countInTable(classes, sensitive);
  const tableCounts = new Int32Array(sensitive.dictionary.length);
  // Counting sort of the rows' sensitive codes by class: one scattered write per row, then each
  // class is a contiguous run read sequentially (faster than hashing (class, value) pairs).
  const rowStart = new Int32Array(classCount + 1);
  for (let row = 0; row < rowCount; row++) if (classOf[row] >= 0) rowStart[classOf[row] + 1]++;
  for (let cls = 0; cls < classCount; cls++) rowStart[cls + 1] += rowStart[cls];
  const classifiedRows = rowStart[classCount];
  const cursor = rowStart.slice(0, classCount);
  const groupedCodes = new Int32Array(classifiedRows);
  const groupedWeights = weights === undefined ? null : new Int32Array(classifiedRows);
  for (let row = 0; row < rowCount; row++) {
    const cls = classOf[row];
    if (cls < 0) continue;
    const at = cursor[cls]++;
    groupedCodes[at] = codes[row];
    if (groupedWeights !== null && weights !== undefined) groupedWeights[at] = weights[row];
  }
  // Per class: tally into a scratch array indexed by code, remembering which codes were touched.
  const scratch = new Int32Array(sensitive.dictionary.length);
  const classOffsets = new Int32Array(classCount + 1);
  let valueCodes: Int32Array = new Int32Array(Math.min(classifiedRows, 1024));
  let valueCounts: Int32Array = new Int32Array(valueCodes.length);
  let pairs = 0;
  let classifiedCount = 0;
  for (let cls = 0; cls < classCount; cls++) {
    const start = rowStart[cls];
    const end = rowStart[cls + 1];
    const first = pairs;
    for (let i = start; i < end; i++) {
      const value = groupedCodes[i];
      const weight = groupedWeights === null ? 1 : groupedWeights[i];
      if (scratch[value] === 0) {
        if (pairs === valueCodes.length) {
          const grown = Math.min(classifiedRows, valueCodes.length * 2);
          valueCodes = growTo(valueCodes, grown);
          valueCounts = growTo(valueCounts, grown);
        }
        valueCodes[pairs++] = value;
      }
      scratch[value] += weight;
    }
    for (let pair = first; pair < pairs; pair++) {
      const value = valueCodes[pair];
      valueCounts[pair] = scratch[value];
      tableCounts[value] += scratch[value];
      classifiedCount += scratch[value];
      scratch[value] = 0;
    }
    classOffsets[cls + 1] = pairs;
  }
  valueCodes = valueCodes.slice(0, pairs);
  valueCounts = valueCounts.slice(0, pairs);
  sortEachClassByCountDescending(classOffsets, valueCodes, valueCounts);
  return { classOffsets, valueCodes, valueCounts, tableCounts, classifiedCount };
}

/** countClassValues through a dense class × value table of counts. */
function countInTable(classes: EquivalenceClasses, sensitive: DictionaryColumn): ClassValueCounts {
  const classOf = classes.classOfRecord;
  const codes = sensitive.codes;
  const width = sensitive.dictionary.length;
  const table = new Int32Array(classes.classCount * width);
  for (let row = 0; row < classOf.length; row++)
    if (classOf[row] >= 0) table[classOf[row] * width + codes[row]]++;
  let pairs = 0;
  for (let cell = 0; cell < table.length; cell++) if (table[cell] > 0) pairs++;
  const classOffsets = new Int32Array(classes.classCount + 1);
  const valueCodes = new Int32Array(pairs);
  const valueCounts = new Int32Array(pairs);
  const tableCounts = new Int32Array(width);
  let classifiedCount = 0;
  let pair = 0;
  for (let cls = 0; cls < classes.classCount; cls++) {
    for (let code = 0; code < width; code++) {
      const count = table[cls * width + code];
      if (count === 0) continue;
      valueCodes[pair] = code;
      valueCounts[pair++] = count;
      tableCounts[code] += count;
      classifiedCount += count;
    }
    classOffsets[cls + 1] = pair;
  }
  sortEachClassByCountDescending(classOffsets, valueCodes, valueCounts);
  return { classOffsets, valueCodes, valueCounts, tableCounts, classifiedCount };
}

/** Insertion sort inside each class: classes hold few distinct sensitive values. */
function sortEachClassByCountDescending(
  offsets: Int32Array,
  codes: Int32Array,
  counts: Int32Array,
): void {
  for (let cls = 0; cls + 1 < offsets.length; cls++) {
    const start = offsets[cls];
    const end = offsets[cls + 1];
    if (end - start > 64) {
      sortLargeClass(start, end, codes, counts);
      continue;
    }
    for (let i = start + 1; i < end; i++) {
      const code = codes[i];
      const count = counts[i];
      let j = i - 1;
      while (j >= start && (counts[j] < count || (counts[j] === count && codes[j] > code))) {
        codes[j + 1] = codes[j];
        counts[j + 1] = counts[j];
        j--;
      }
      codes[j + 1] = code;
      counts[j + 1] = count;
    }
  }
}

function growTo(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

function sortLargeClass(start: number, end: number, codes: Int32Array, counts: Int32Array): void {
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  order.sort((a, b) => counts[b] - counts[a] || codes[a] - codes[b]);
  const sortedCodes = order.map((i) => codes[i]);
  const sortedCounts = order.map((i) => counts[i]);
  codes.set(sortedCodes, start);
  counts.set(sortedCounts, start);
}
