// Dictionary-encoded columns: the distinct raw strings of a column plus one Int32Array code per row,
// the representation every hot path (equivalence classes, generalization, risk, search) loops over.
import type { ColumnTable } from 'arquero';
import { StringInterner } from './string-interner.js';

/**
 * One column as a dictionary of distinct raw strings and a code per row.
 * Invariants: `0 <= codes[row] < dictionary.length`; dictionary entries are distinct;
 * `dictionary[codes[row]]` is the row's raw string.
 */
export interface DictionaryColumn {
  readonly name: string;
  readonly dictionary: readonly string[];
  readonly codes: Int32Array;
}

/**
 * The raw string of a cell. Values are compared as raw strings, as pycanon, ARX and sdcMicro do
 * on text input: `null` and `undefined` become `''`; `''`, `NA`, `?` and `*` are ordinary values.
 * Dates become their ISO string so a parsed and an unparsed column encode alike.
 */
export function toRawString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

/**
 * Encodes one column. Codes are assigned in order of first appearance, so encoding is
 * deterministic for a given row order. A run of equal values (sorted or clustered data) is
 * encoded without hashing.
 */
export function encodeColumn(name: string, values: ArrayLike<unknown>): DictionaryColumn {
  const rowCount = values.length;
  const codes = new Int32Array(rowCount);
  const interner = new StringInterner();
  let previous: string | undefined;
  let previousCode = -1;
  for (let row = 0; row < rowCount; row++) {
    const value = toRawString(values[row]);
    if (value !== previous) {
      previousCode = interner.intern(value);
      previous = value;
    }
    codes[row] = previousCode;
  }
  return { name, dictionary: interner.dictionary, codes };
}

/**
 * Encodes the named columns of an arquero table, in the table's current row order
 * (filters and orderings applied). Requires every name to be a column of the table;
 * throws RangeError naming the missing column otherwise (callers validate names first).
 */
export function encodeTableColumns(
  table: ColumnTable,
  names: readonly string[],
): DictionaryColumn[] {
  return names.map((name) => {
    if (table.column(name) === undefined) {
      throw new RangeError(`no column named ${JSON.stringify(name)} in the table`);
    }
    return encodeColumn(name, table.array(name) as ArrayLike<unknown>);
  });
}

/** Decodes a column back to one raw string per row. */
export function decodeColumn(column: DictionaryColumn): string[] {
  const out = new Array<string>(column.codes.length);
  for (let row = 0; row < out.length; row++) out[row] = column.dictionary[column.codes[row]];
  return out;
}

/**
 * Rewrites codes through `codeMapping` (old code → new code) onto a new dictionary.
 * Requires `codeMapping.length >= column.dictionary.length` and every mapped code to index
 * `dictionary`. Work is one pass over the rows and no string is touched.
 */
export function remapColumn(
  column: DictionaryColumn,
  codeMapping: ArrayLike<number>,
  dictionary: readonly string[],
  name: string = column.name,
): DictionaryColumn {
  const source = column.codes;
  const codes = new Int32Array(source.length);
  const mapping = Int32Array.from(codeMapping);
  for (let code = 0; code < column.dictionary.length; code++) {
    const target = mapping[code];
    if (!(target >= 0 && target < dictionary.length)) {
      throw new RangeError(`code ${code} maps to ${target}, outside the new dictionary`);
    }
  }
  for (let row = 0; row < source.length; row++) codes[row] = mapping[source[row]];
  return { name, dictionary, codes };
}

/**
 * Generalizes a column by mapping each distinct value (not each row) to a new raw string,
 * merging values that map to the same string, then remapping the codes. Work scales with
 * distinct values plus one typed-array pass over the rows.
 */
export function mapDictionary(
  column: DictionaryColumn,
  mapValue: (value: string, code: number) => string,
  name: string = column.name,
): DictionaryColumn {
  const interner = new StringInterner();
  const mapping = new Int32Array(column.dictionary.length);
  for (let code = 0; code < column.dictionary.length; code++) {
    mapping[code] = interner.intern(mapValue(column.dictionary[code], code));
  }
  return remapColumn(column, mapping, interner.dictionary, name);
}

/**
 * Counts rows per code: `counts[code]` = rows holding `dictionary[code]`, leaving out the rows
 * with `excluded[row] !== 0` (requires `excluded`, when given, to have one entry per row).
 */
export function countCodes(column: DictionaryColumn, excluded?: Uint8Array): Int32Array {
  const counts = new Int32Array(column.dictionary.length);
  const codes = column.codes;
  if (excluded === undefined) for (let row = 0; row < codes.length; row++) counts[codes[row]]++;
  else for (let row = 0; row < codes.length; row++) if (excluded[row] === 0) counts[codes[row]]++;
  return counts;
}
