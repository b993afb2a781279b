// The canonical text of a cell: equal for a release value and the same value after a CSV, JSON
// Lines, Arrow or Parquet round trip, another delimiter or text encoding, or rounding to the
// release's own precision — so a leaked copy's rows can be looked up among the release's.
import { encodeColumn, mapDictionary, type DictionaryColumn } from '../table/dictionary-column.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?Z$/;
/** Beyond this many decimals a value is not "a precision" but float noise. */
const MAX_DECIMALS = 12;

/**
 * One value as canonical text. Numbers (typed, or text that reads as a number after NFKC, so
 * full-width digits too) become JavaScript's shortest form (`12.50`, `12.5`, `1.25e1` → `12.5`);
 * null, undefined, NaN and blank are `''`; dates at UTC midnight are `YYYY-MM-DD` (an Arrow or
 * Parquet date column reads back as a Date); other text is NFKC-normalized and trimmed.
 */
export function canonicalText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  if (typeof value === 'bigint') return numberText(Number(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return canonicalString(value.toISOString());
  }
  return canonicalString(String(value));
}

/** `canonicalText` of a raw string (what `toRawString` makes of any cell); `NaN` is a missing number. */
function canonicalString(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  if (text === 'NaN') return '';
  if (NUMBER.test(text)) return numberText(Number(text));
  const midnight = ISO_MIDNIGHT.exec(text);
  return midnight === null ? text : midnight[1];
}

function numberText(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** Decimals of a canonical numeric text (`12.5` → 1, `300` → 0); -1 when it is not a plain number. */
export function decimalsOf(text: string): number {
  if (!NUMBER.test(text) || /[eE]/.test(text)) return -1;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The precision of a column: the most decimals among its numeric values (capped), or -1 when it
 * holds no plain number. A leaked value is rounded to it before lookup, so `300.0000001` from a
 * float round trip, or `300.0` from a reformatting, finds the release's `300`.
 */
export function precisionOf(dictionary: readonly string[]): number {
  let precision = -1;
  for (const text of dictionary) {
    const decimals = decimalsOf(text);
    if (decimals > precision) precision = Math.min(decimals, MAX_DECIMALS);
  }
  return precision;
}

/** Rounds a canonical numeric text to `decimals`; other text, or a negative precision, is returned as is. */
export function roundToPrecision(text: string, decimals: number): string {
  if (decimals < 0 || !NUMBER.test(text)) return text;
  return numberText(Number(Number(text).toFixed(decimals)));
}

/**
 * Encodes a column's values as canonical text: the raw encoding first (one pass, typed arrays),
 * then each distinct value is canonicalized once and values that canonicalize alike merge.
 */
export function encodeCanonicalColumn(name: string, values: ArrayLike<unknown>): DictionaryColumn {
  return mapDictionary(encodeColumn(name, values), canonicalString);
}
