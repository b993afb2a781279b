// Reading a released cell as a number: plain decimals, and the intervals generalization writes
// ("30-39", "30~39", "[30, 40)", "<40", ">=65") read at their midpoint, an open end bounded by the
// original column's extremes, so a generalized numeric column is still measured on its scale.
// '' and '*' (a suppressed value) are missing.
import { countCodes, type DictionaryColumn } from '../table/dictionary-column.js';
import { numberRunsOfCounts, type NumberRuns } from './number-runs.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const OPEN_BELOW = /^(?:<|<=|≤|＜)\s*([+-]?\d+(?:\.\d+)?)$/;
const OPEN_ABOVE = /^(?:>|>=|≥|＞|＞=)\s*([+-]?\d+(?:\.\d+)?)$/;
const INTERVAL =
  /^[[(]?\s*([+-]?\d+(?:\.\d+)?)\s*(?:-|~|–|—|,|～)\s*([+-]?\d+(?:\.\d+)?)\s*[\])]?$/;

/** The original column's extremes: where an open interval ("<40", ">=65") ends. */
export interface NumericBounds {
  readonly low: number;
  readonly high: number;
}

/**
 * The number a cell stands for, or NaN when it is missing or not a number. Intervals count only
 * when `intervals` is given: closed ones at their midpoint, open ones at the midpoint between
 * their bound and the original extreme on the open side.
 */
export function numberOfCell(raw: string, intervals?: NumericBounds): number {
  const text = raw.trim();
  if (text === '' || text === '*') return Number.NaN;
  if (NUMBER.test(text)) return Number(text);
  if (intervals === undefined) return Number.NaN;
  const closed = INTERVAL.exec(text);
  if (closed !== null) return (Number(closed[1]) + Number(closed[2])) / 2;
  const below = OPEN_BELOW.exec(text);
  if (below !== null) return (Math.min(intervals.low, Number(below[1])) + Number(below[1])) / 2;
  const above = OPEN_ABOVE.exec(text);
  if (above !== null) return (Math.max(intervals.high, Number(above[1])) + Number(above[1])) / 2;
  return Number.NaN;
}

/** True when the cell is missing ('' or '*'). */
export function isMissingCell(raw: string): boolean {
  const text = raw.trim();
  return text === '' || text === '*';
}

/**
 * A column is numeric when at least one cell is a number and every cell that is not missing is a
 * plain number (intervals do not make an original column numeric).
 */
export function isNumericColumn(column: DictionaryColumn): boolean {
  return numericDictionary(column) !== undefined;
}

/**
 * The number of each dictionary entry when the column is numeric (see isNumericColumn), else
 * undefined: one parse of the dictionary serves the test and every figure after it.
 */
export function numericDictionary(column: DictionaryColumn): Float64Array | undefined {
  const numbers = numbersOfDictionary(column);
  let count = 0;
  for (let code = 0; code < numbers.length; code++) {
    if (!Number.isNaN(numbers[code])) count++;
    else if (!isMissingCell(column.dictionary[code])) return undefined;
  }
  return count > 0 ? numbers : undefined;
}

/** The number of each dictionary entry (NaN for missing or non-numeric entries). */
export function numbersOfDictionary(
  column: DictionaryColumn,
  intervals?: NumericBounds,
): Float64Array {
  const numbers = new Float64Array(column.dictionary.length);
  for (let code = 0; code < numbers.length; code++)
    numbers[code] = numberOfCell(column.dictionary[code], intervals);
  return numbers;
}

/**
 * The numeric value of every row not excluded by `excluded` and not missing, sorted, as runs of
 * equal numbers: one pass over the codes to count them, then `numberRunsOfCounts`.
 */
export function numberRuns(
  column: DictionaryColumn,
  intervals?: NumericBounds,
  excluded?: Uint8Array,
  byCode: Float64Array = numbersOfDictionary(column, intervals),
): NumberRuns {
  return numberRunsOfCounts(byCode, countCodes(column, excluded));
}
