// A full detection scan of one column: every value tested, rows counted, distinct values counted exactly.
import { toRawString } from '../table/dictionary-column.js';
import { hashString, StringInterner } from '../table/string-interner.js';
import { forColumn, toDetectorSet, type DetectorSet } from './detector-set.js';
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
  /** Whether the overflow rows were tested against the detectors (FullScanOptions.matchOverflow). */
  readonly overflowMatched: boolean;
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
  const scanner = new FullColumnScanner(name, rows, detectors, options);
  for (let row = 0; row < rows; row++) scanner.add(toRawString(values[row]), row);
  return scanner.finish(values);
}

/**
 * scanFullColumn a value at a time, for a reader that never holds the column (a CSV streamed
 * row by row). `finish(values)` with the column's values counts the overflow's distinct values
 * exactly (their rows are kept); `finish()` without them counts the (hashString, secondHash)
 * pairs of the overflow values instead: 64 bits per value, 12 bytes kept per overflow row, and
 * an undercount only when two distinct values agree on all 64 bits, which for n overflow values
 * happens with probability below n² / 2⁶⁵ (under 10⁻⁶ for five million).
 * Requires `rows` ≥ the rows added (it sizes the dictionary as scanFullColumn does).
 */
export class FullColumnScanner {
  private readonly hashOf: (value: string) => number;
  private readonly hashAndClassify: (value: string, into: Int32Array) => number;
  private readonly classes = new Int32Array(1);
  private readonly capacity: number;
  private readonly dictionary: StringInterner;
  private readonly masks: Int32Array;
  private readonly containMasks: Int32Array;
  private readonly textCell: Uint8Array;
  private readonly counts: Int32Array;
  private readonly set: DetectorSet;
  private readonly types = new ColumnTypeAccumulator();
  private readonly matches: Int32Array;
  private readonly contains: Int32Array;
  private readonly matchOverflow: boolean;
  private readonly keep: (value: string) => string;
  private textCells = 0;
  private overflowHashes: Int32Array = new Int32Array(0);
  /** Per overflow value: its row (finish(values)), or its secondHash (finish()). */
  private overflowKeys: Int32Array = new Int32Array(0);
  private overflowLength = 0;
  private nonEmpty = 0;
  private nulls = 0;
  private previous: string | undefined;
  private code = -1;
  private overflowed = 0;
  /** matchMask, containMask and isTextCell of `previous` when it took the overflow path (code −1). */
  private overflowMask = 0;
  private overflowContain = 0;
  private overflowText = false;
  /** Whether a dictionary value held a span beyond a whole-cell match, or running text. */
  private spansInDictionary = false;
  private containOverflow: boolean | undefined;

  /**
   * `keep` turns a value into the string the dictionary keeps (a streaming reader's cells are
   * views into its text: ownedString); `keys: 'second-hash'` for finish() without the values.
   */
  constructor(
    private readonly name: string,
    private readonly rows: number,
    detectors: readonly Detector[],
    private readonly options: FullScanOptions & {
      readonly keep?: (value: string) => string;
      readonly keys?: 'rows' | 'second-hash';
    } = {},
  ) {
    this.hashOf = options.hash ?? hashString;
    const hashOf = this.hashOf;
    this.hashAndClassify =
      options.hash === undefined
        ? hashValueAndClassify
        : (value: string, into: Int32Array): number => {
            into[0] = characterClasses(value);
            return hashOf(value);
          };
    const capacity = Math.min(rows, options.dictionaryCapacity ?? DICTIONARY_CAPACITY);
    this.capacity = capacity;
    this.dictionary = new StringInterner(capacity, capacity);
    this.masks = new Int32Array(capacity);
    this.containMasks = new Int32Array(capacity);
    this.textCell = new Uint8Array(capacity);
    this.counts = new Int32Array(capacity);
    this.set = forColumn(toDetectorSet(detectors), name);
    this.matches = new Int32Array(detectors.length);
    this.contains = new Int32Array(detectors.length);
    this.matchOverflow = options.matchOverflow ?? true;
    this.keep = options.keep ?? identity;
  }

  /** Adds the raw string of row `row` (rows in order). */
  add(value: string, row: number): void {
    if (value.length === 0) this.nulls++;
    if (value !== this.previous) {
      this.previous = value;
      const dictionary = this.dictionary;
      const size = dictionary.size;
      const set = this.set;
      // Once the dictionary is full, a value not in it goes to matchMask: classify it while hashing.
      const hash =
        size === this.capacity && this.matchOverflow
          ? this.hashAndClassify(value, this.classes)
          : this.hashOf(value);
      const code = dictionary.internHashed(value, hash, this.keep);
      this.code = code;
      if (code === size) {
        const mask = matchMask(value, set);
        this.masks[code] = mask;
        const contained = containMask(value, mask, set);
        this.containMasks[code] = contained;
        const text = isTextCell(value);
        this.textCell[code] = text ? 1 : 0;
        if (text || (contained & ~mask) !== 0) this.spansInDictionary = true;
        this.types.add(value);
      } else if (code < 0) {
        const matchOverflow = this.matchOverflow;
        this.overflowMask = matchOverflow ? matchMask(value, set, this.classes[0]) : 0;
        this.containOverflow ??= this.options.containOverflow ?? this.spansInDictionary;
        this.overflowContain =
          matchOverflow && this.containOverflow ? containMask(value, this.overflowMask, set) : 0;
        this.overflowText = matchOverflow && isTextCell(value);
        this.types.add(value);
        this.keepOverflow(hash, this.options.keys === 'second-hash' ? secondHash(value) : row);
      }
    }
    if (this.code >= 0) this.counts[this.code]++;
    else {
      this.overflowed++;
      if (this.overflowMask !== EMPTY_VALUE) {
        this.nonEmpty++;
        if (this.overflowMask !== 0) addMatches(this.overflowMask, 1, this.matches);
        if (this.overflowContain !== 0) addMatches(this.overflowContain, 1, this.contains);
        if (this.overflowText) this.textCells++;
      }
    }
  }

  /**
   * The scan of the rows added. `values`: the column (rows given to add as its indexes), for an
   * exact distinct count; required unless the scanner keeps second hashes.
   */
  finish(values?: ArrayLike<unknown>): FullColumnScan {
    const { matches, contains, counts, masks, containMasks, textCell } = this;
    let { nonEmpty, textCells } = this;
    for (let c = 0; c < this.dictionary.size; c++) {
      const mask = masks[c];
      if (mask === EMPTY_VALUE) continue;
      nonEmpty += counts[c];
      if (mask !== 0) addMatches(mask, counts[c], matches);
      if (containMasks[c] !== 0) addMatches(containMasks[c], counts[c], contains);
      if (textCell[c] !== 0) textCells += counts[c];
    }
    const length = this.overflowLength;
    let overflowDistinct: number;
    if (this.options.keys === 'second-hash') {
      // The second hashes stand in for the values: equal pairs (hash, second hash) count once.
      const positions = new Int32Array(length);
      for (let i = 0; i < length; i++) positions[i] = i;
      overflowDistinct = countDistinctByHash(
        this.overflowHashes,
        positions,
        length,
        this.overflowKeys,
      );
    } else {
      if (values === undefined && length > 0)
        throw new Error('FullColumnScanner: finish needs the values to count the overflow');
      overflowDistinct = countDistinctByHash(
        this.overflowHashes,
        this.overflowKeys,
        length,
        values ?? [],
      );
    }
    return {
      name: this.name,
      nulls: this.nulls,
      distinct: this.dictionary.size + overflowDistinct,
      scan: { nonEmpty, matches, contains, textCells },
      type: this.types.result(),
      overflowRows: this.overflowed,
      overflowMatched: this.matchOverflow,
    };
  }

  private keepOverflow(hash: number, key: number): void {
    if (this.overflowLength === this.overflowHashes.length) {
      const grown = Math.max(1024, Math.min(this.rows, 2 * this.overflowLength));
      this.overflowHashes = resize(this.overflowHashes, grown);
      this.overflowKeys = resize(this.overflowKeys, grown);
    }
    this.overflowHashes[this.overflowLength] = hash;
    this.overflowKeys[this.overflowLength++] = key;
  }
}

/**
 * A 32-bit hash of `value` independent of hashString (FNV-1a): murmur3's mixing per UTF-16 code
 * unit and its finalizer, so the pair behaves as 64 random bits for counting distinct values.
 */
export function secondHash(value: string): number {
  let hash = 0x9747b28c | 0;
  for (let i = 0; i < value.length; i++) {
    let k = Math.imul(value.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    hash ^= Math.imul(k, 0x1b873593);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  hash ^= value.length;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function identity(value: string): string {
  return value;
}

function resize(array: Int32Array, length: number): Int32Array {
  const resized = new Int32Array(length);
  resized.set(array.subarray(0, Math.min(array.length, length)));
  return resized;
}
