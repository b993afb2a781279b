// Equivalence classes over dictionary-encoded quasi-identifiers: the counting primitive that every
// privacy model, risk figure and the generalization search share. Typed arrays only, no per-row objects.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { mixHash, mixKey, tableCapacity } from './hash-mix.js';
import { PrivacyError } from './privacy-error.js';

/**
 * The partition of records into classes of identical quasi-identifier codes.
 * Invariants: `classOfRecord[r] === -1` iff record r is suppressed (or has weight 0);
 * otherwise `0 <= classOfRecord[r] < classCount`; class ids are numbered in order of the first
 * record of each class; `classSizes[c]` sums the weights of the records of class c (1 each by
 * default); `recordCount = suppressedCount + Σ classSizes`.
 */
export interface EquivalenceClasses {
  /** Records counted, including suppressed ones (the sum of weights when weights are given). */
  readonly recordCount: number;
  /** Records excluded from classes by the suppression mask (weighted likewise). */
  readonly suppressedCount: number;
  readonly classCount: number;
  /** Class id per input row; -1 for suppressed rows. */
  readonly classOfRecord: Int32Array;
  /** Size of each class, length `classCount`. */
  readonly classSizes: Int32Array;
  /** The first input row of each class, length `classCount`: decode a class's values from it. */
  readonly firstRecordOfClass: Int32Array;
}

export interface EquivalenceClassOptions {
  /** `suppressed[r] !== 0` excludes row r from every class; length must equal the row count. */
  readonly suppressed?: Uint8Array;
  /**
   * Frequency of each row (non-negative integers), for rolling classes up from a finer partition:
   * pass one row per finer class with its size as weight. Defaults to 1 per row.
   */
  readonly weights?: Int32Array;
}

/** Keys up to 2^53 are exact in a double; beyond that the pairwise fallback takes over. */
const MAX_EXACT_KEY = 2 ** 53;
/** Below this many slots a direct-address table beats hashing. */
const DIRECT_TABLE_MAX = 1 << 24;

/** True when `product` keys are few enough to count in a table indexed by the key itself. */
export function isDirectAddressable(product: number, rowCount: number): boolean {
  return product <= DIRECT_TABLE_MAX && product <= 4 * rowCount + 1024;
}

/**
 * Groups rows by their codes across `columns` (all of the same length).
 * With no columns every non-suppressed row falls into a single class.
 *
 * Strategy: a mixed-radix key Σ code_j · Π_{i<j} |dict_i| in a double while the cardinality
 * product fits in 2^53 (a direct-address table when the product is small, else an
 * open-addressing hash over Float64 keys); beyond, columns are folded pairwise
 * (class-so-far, next code) through a hash on two int32 halves, which never overflows.
 *
 * @example
 *   const classes = computeEquivalenceClasses([age, zip]);
 *   classes.classSizes[classes.classOfRecord[0]]; // size of the first record's class
 */
export function computeEquivalenceClasses(
  columns: readonly DictionaryColumn[],
  options: EquivalenceClassOptions = {},
): EquivalenceClasses {
  const rowCount = checkRowCount(columns, options);
  const keys = new Float64Array(rowCount);
  let product = 1;
  for (const column of columns) {
    const cardinality = Math.max(1, column.dictionary.length);
    const codes = column.codes;
    if (product * cardinality > MAX_EXACT_KEY) {
      // Fold the key so far into dense class ids (at most one per row), then go on from those.
      let folded = assignClasses(keys, product, rowCount, {}).classOfRecord;
      product = countDistinct(folded);
      if (product * cardinality > MAX_EXACT_KEY) {
        folded = pairClasses(folded, codes);
        product = countDistinct(folded);
        for (let row = 0; row < rowCount; row++) keys[row] = folded[row];
        continue;
      }
      for (let row = 0; row < rowCount; row++) keys[row] = folded[row];
    }
    // keys[row] = keys[row] * cardinality + codes[row], column by column for cache locality.
    for (let row = 0; row < rowCount; row++) keys[row] = keys[row] * cardinality + codes[row];
    product *= cardinality;
  }
  return assignClasses(keys, product, rowCount, options);
}

/** The rows of `columns` and of the options' arrays; throws `privacy_length_mismatch` when they differ. */
export function checkRowCount(
  columns: readonly DictionaryColumn[],
  options: EquivalenceClassOptions,
): number {
  const rowCount =
    columns[0]?.codes.length ?? options.suppressed?.length ?? options.weights?.length ?? 0;
  for (const column of columns) {
    if (column.codes.length !== rowCount) {
      throw new PrivacyError(
        'privacy_length_mismatch',
        `column ${column.name} has ${column.codes.length} rows, want ${rowCount}`,
        {
          details: { column: column.name, got: column.codes.length, want: rowCount },
        },
      );
    }
  }
  for (const [field, array] of [
    ['suppressed', options.suppressed],
    ['weights', options.weights],
  ] as const) {
    if (array !== undefined && array.length !== rowCount) {
      throw new PrivacyError(
        'privacy_length_mismatch',
        `${field} has ${array.length} entries, want ${rowCount}`,
        {
          details: { field, got: array.length, want: rowCount },
        },
      );
    }
  }
  return rowCount;
}

function countDistinct(ids: Int32Array): number {
  let max = -1;
  for (let row = 0; row < ids.length; row++) if (ids[row] > max) max = ids[row];
  return max + 1;
}

/** Dense ids for the pairs (left[row], right[row]) through an open-addressing hash on int32 halves. */
function pairClasses(left: Int32Array, right: Int32Array): Int32Array {
  const rowCount = left.length;
  const capacity = tableCapacity(rowCount);
  const mask = capacity - 1;
  const slotLeft = new Int32Array(capacity);
  const slotRight = new Int32Array(capacity);
  const slotId = new Int32Array(capacity).fill(-1);
  const out = new Int32Array(rowCount);
  let next = 0;
  for (let row = 0; row < rowCount; row++) {
    const a = left[row];
    const b = right[row];
    let slot = mixHash(a, b) & mask;
    for (;;) {
      const id = slotId[slot];
      if (id === -1) {
        slotLeft[slot] = a;
        slotRight[slot] = b;
        slotId[slot] = next;
        out[row] = next++;
        break;
      }
      if (slotLeft[slot] === a && slotRight[slot] === b) {
        out[row] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return out;
}

/** Turns exact numeric keys (< product ≤ 2^53) into class ids, sizes and first records. */
function assignClasses(
  keys: Float64Array,
  product: number,
  rowCount: number,
  options: EquivalenceClassOptions,
): EquivalenceClasses {
  const suppressed = options.suppressed;
  const weights = options.weights;
  const classOfRecord = new Int32Array(rowCount);
  // At most one class per row; trimmed at the end.
  let sizes = new Int32Array(Math.min(rowCount, product) + 1);
  let firsts = new Int32Array(sizes.length);
  let classCount = 0;
  let suppressedCount = 0;
  let recordCount = 0;
  const direct = isDirectAddressable(product, rowCount);
  const capacity = direct ? product : tableCapacity(Math.min(rowCount, product));
  const mask = capacity - 1;
  const slotId = new Int32Array(capacity).fill(-1);
  const slotKey = direct ? null : new Float64Array(capacity);
  for (let row = 0; row < rowCount; row++) {
    const weight = weights === undefined ? 1 : weights[row];
    recordCount += weight;
    if ((suppressed !== undefined && suppressed[row] !== 0) || weight === 0) {
      suppressedCount += weight;
      classOfRecord[row] = -1;
      continue;
    }
    const key = keys[row];
    let id: number;
    if (slotKey === null) {
      id = slotId[key];
      if (id === -1) {
        id = classCount++;
        slotId[key] = id;
        firsts[id] = row;
      }
    } else {
      let slot = mixKey(key) & mask;
      for (;;) {
        id = slotId[slot];
        if (id === -1) {
          id = classCount++;
          slotId[slot] = id;
          slotKey[slot] = key;
          firsts[id] = row;
          break;
        }
        if (slotKey[slot] === key) break;
        slot = (slot + 1) & mask;
      }
    }
    classOfRecord[row] = id;
    sizes[id] += weight;
  }
  sizes = sizes.slice(0, classCount);
  firsts = firsts.slice(0, classCount);
  return {
    recordCount,
    suppressedCount,
    classCount,
    classOfRecord,
    classSizes: sizes,
    firstRecordOfClass: firsts,
  };
}
