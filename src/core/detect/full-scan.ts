// A full detection scan of one column: every value tested, rows counted, distinct values counted exactly.
import { toRawString } from '../table/dictionary-column.js';
import { hashString, StringInterner } from '../table/string-interner.js';
import { forColumn, toDetectorSet } from './detector-set.js';
import type { Detector } from './detector.js';
import type { ScanResult } from './detect-columns.js';
import { countDistinctByHash } from './distinct-by-hash.js';
import { ColumnTypeAccumulator, type ColumnType } from './infer-type.js';
import { addMatches, containMask, EMPTY_VALUE, isTextCell, matchMask } from './match-mask.js';
import { characterClasses, hashValueAndClassify } from './value-shape.js';

/** What detection needs of a column read in full. */
export interface FullColumnScan {
  readonly name: string;
  /** Rows whose raw value is empty (null, undefined or ''). */
  readonly nulls: number;
  /** Distinct raw strings. */
  readonly distinct: number;
  /**
   * Matches per detector over every row; over the dictionary's rows only when the scan ran with
   * `matchOverflow: false` and `overflowRows` > 0.
   */
  readonly scan: ScanResult;
  readonly type: ColumnType;
  /** Rows whose value found the dictionary full (the overflow path). */
  readonly overflowRows: number;
}

export interface FullScanOptions {
  /** Distinct values kept in the dictionary before new ones overflow; default DICTIONARY_CAPACITY. */
  readonly dictionaryCapacity?: number;
  /** The string hash; default hashString (tests inject a colliding one). */
  readonly hash?: (value: string) => number;
  /**
   * Test overflow rows against the detectors; default true. False when a conclusive sample has
   * decided the findings and the scan is only for nulls, distinct and type: a near-unique column
   * then costs a hash per row, while a column that never overflows is still matched in full.
   */
  readonly matchOverflow?: boolean;
  /**
   * Search inside overflow rows for spans (containMask) as well; default: only when some value
   * in the dictionary held an identifier inside it (beyond a whole-cell match) or was running
   * text. A near-unique code column (visit numbers) then costs a whole-cell test per row, not a
   * span scan, while a notes column is searched row by row.
   */
  readonly containOverflow?: boolean;
}

/**
 * Distinct values the dictionary holds: its table (1 MiB) stays in L2. A column with more (an
 * order number, an ID, an address) is near-unique, and its repeats are few enough that testing
 * each overflow row on its own costs less than a table that misses the cache on every row.
 */
export const DICTIONARY_CAPACITY = 65_536;

/**
 * Scans every row of a column. Values are interned in a dictionary while it has room, and each
 * distinct one is tested once (matchMask, type) when it first appears, its rows weighting the
 * result. Once the dictionary is full a new value takes the overflow path: it is tested on its
 * own row, and its hash and row are kept so the distinct count can be finished exactly by
 * countDistinctByHash. matchMask and the type depend on the value only, so summing over rows
 * equals weighting per distinct value, and the answers are those of encodeColumn +
 * scanColumnMatches + inferColumnType. An overflow value is never in the dictionary (it was
 * looked up there, and the full dictionary takes nothing new), so the two distinct counts add up.
 * Each value is read once while in cache, which matters when the strings are slices of a large
 * CSV text.
 */
export function scanFullColumn(
  name: string,
  values: ArrayLike<unknown>,
  detectors: readonly Detector[],
  options: FullScanOptions = {},
): FullColumnScan {
  const rows = values.length;
  const hashOf = options.hash ?? hashString;
  const hashAndClassify =
    options.hash === undefined
      ? hashValueAndClassify
      : (value: string, into: Int32Array): number => {
          into[0] = characterClasses(value);
          return hashOf(value);
        };
  const classes = new Int32Array(1);
  const capacity = Math.min(rows, options.dictionaryCapacity ?? DICTIONARY_CAPACITY);
  const dictionary = new StringInterner(capacity, capacity);
  const masks = new Int32Array(capacity);
  const containMasks = new Int32Array(capacity);
  const textCell = new Uint8Array(capacity);
  const counts = new Int32Array(capacity);
  const set = forColumn(toDetectorSet(detectors), name);
  const types = new ColumnTypeAccumulator();
  const matches = new Int32Array(detectors.length);
  const contains = new Int32Array(detectors.length);
  let textCells = 0;
  let overflowHashes: Int32Array = new Int32Array(0);
  let overflowRows: Int32Array = new Int32Array(0);
  let overflowLength = 0;
  let nonEmpty = 0;
  let nulls = 0;
  let previous: string | undefined;
  let code = -1;
  const matchOverflow = options.matchOverflow ?? true;
  let overflowed = 0;
  /** matchMask, containMask and isTextCell of `previous` when it took the overflow path (code −1). */
  let overflowMask = 0;
  let overflowContain = 0;
  let overflowText = false;
  /** Whether a dictionary value held a span beyond a whole-cell match, or running text. */
  let spansInDictionary = false;
  let containOverflow: boolean | undefined;
  for (let row = 0; row < rows; row++) {
    const value = toRawString(values[row]);
    if (value.length === 0) nulls++;
    if (value !== previous) {
      previous = value;
      const size = dictionary.size;
      // Once the dictionary is full, a value not in it goes to matchMask: classify it while hashing.
      const hash =
        size === capacity && matchOverflow ? hashAndClassify(value, classes) : hashOf(value);
      code = dictionary.internHashed(value, hash);
      if (code === size) {
        const mask = matchMask(value, set);
        masks[code] = mask;
        const contained = containMask(value, mask, set);
        containMasks[code] = contained;
        const text = isTextCell(value);
        textCell[code] = text ? 1 : 0;
        if (text || (contained & ~mask) !== 0) spansInDictionary = true;
        types.add(value);
      } else if (code < 0) {
        overflowMask = matchOverflow ? matchMask(value, set, classes[0]) : 0;
        containOverflow ??= options.containOverflow ?? spansInDictionary;
        overflowContain =
          matchOverflow && containOverflow ? containMask(value, overflowMask, set) : 0;
        overflowText = matchOverflow && isTextCell(value);
        types.add(value);
        if (overflowLength === overflowHashes.length) {
          const grown = Math.max(1024, Math.min(rows, 2 * overflowLength));
          overflowHashes = resize(overflowHashes, grown);
          overflowRows = resize(overflowRows, grown);
        }
        overflowHashes[overflowLength] = hash;
        overflowRows[overflowLength++] = row;
      }
    }
    if (code >= 0) counts[code]++;
    else {
      overflowed++;
      if (overflowMask !== EMPTY_VALUE) {
        nonEmpty++;
        if (overflowMask !== 0) addMatches(overflowMask, 1, matches);
        if (overflowContain !== 0) addMatches(overflowContain, 1, contains);
        if (overflowText) textCells++;
      }
    }
  }
  for (let c = 0; c < dictionary.size; c++) {
    const mask = masks[c];
    if (mask === EMPTY_VALUE) continue;
    nonEmpty += counts[c];
    if (mask !== 0) addMatches(mask, counts[c], matches);
    if (containMasks[c] !== 0) addMatches(containMasks[c], counts[c], contains);
    if (textCell[c] !== 0) textCells += counts[c];
  }
  const distinct =
    dictionary.size + countDistinctByHash(overflowHashes, overflowRows, overflowLength, values);
  return {
    name,
    nulls,
    distinct,
    scan: { nonEmpty, matches, contains, textCells },
    type: types.result(),
    overflowRows: overflowed,
  };
}

function resize(array: Int32Array, length: number): Int32Array {
  const resized = new Int32Array(length);
  resized.set(array.subarray(0, Math.min(array.length, length)));
  return resized;
}
