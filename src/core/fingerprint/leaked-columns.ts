// Which column of a leaked copy is which column of the release — by name, else by its values
// (a renamed or translated header) — and the leaked values in the release's canonical codes.
import type { ColumnTable } from 'arquero';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { encodeCanonicalColumn, precisionOf, roundToPrecision } from './canonical-value.js';
import type { EncodedRelease } from './fingerprint-release.js';

/** A name match must share at least this share of its values too (catches swapped headers). */
const NAME_MATCH_MIN_CONTAINMENT = 0.5;
/** A value match: at least this share of the leaked column's distinct values occur in the release column. */
const VALUE_MATCH_MIN_CONTAINMENT = 0.8;

export interface ColumnMatch {
  readonly leaked: string;
  readonly release: string;
  readonly by: 'name' | 'values';
  /** Share of the leaked column's distinct non-empty values that the release column holds. */
  readonly containment: number;
}

/** A matched column over release rows then leaked rows, in the release column's canonical codes. */
export interface ProjectedColumn {
  readonly match: ColumnMatch;
  /** Codes ≥ the release dictionary's length are values the release does not hold. */
  readonly column: DictionaryColumn;
}

export interface LeakProjection {
  readonly columns: readonly ProjectedColumn[];
  readonly unmatched: readonly string[];
}

/** Header text compared loosely: NFKC, trimmed, case-folded, separators ignored. */
function normalizedName(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

/**
 * Matches the leaked copy's columns to the release's and re-encodes them over the release rows
 * followed by the leaked rows. Leaked numeric values are rounded to the release column's own
 * precision first. Columns that match nothing are listed in `unmatched` and ignored.
 */
export function projectLeak(leaked: ColumnTable, encoded: EncodedRelease): LeakProjection {
  const leakedColumns = leaked
    .columnNames()
    .map((name) => encodeCanonicalColumn(name, leaked.array(name) as ArrayLike<unknown>));
  const releaseSets = encoded.canonical.map((column) => {
    const index = new Map<string, number>();
    column.dictionary.forEach((value, code) => index.set(value, code));
    return { index, precision: precisionOf(column.dictionary) };
  });
  // Each leaked column's values, rounded per release column lazily: containment needs them.
  const containment = (l: number, r: number): number => {
    const { index, precision } = releaseSets[r];
    let present = 0;
    let nonEmpty = 0;
    for (const value of leakedColumns[l].dictionary) {
      if (value === '') continue;
      nonEmpty++;
      if (index.has(roundToPrecision(value, precision))) present++;
    }
    return nonEmpty === 0 ? 0 : present / nonEmpty;
  };
  const releaseByName = new Map<string, number>();
  encoded.columnNames.forEach((name, r) => releaseByName.set(normalizedName(name), r));
  const matchOf = new Map<
    number,
    { release: number; by: 'name' | 'values'; containment: number }
  >();
  const taken = new Set<number>();
  leakedColumns.forEach((column, l) => {
    const r = releaseByName.get(normalizedName(column.name));
    if (r === undefined || taken.has(r)) return;
    const share = containment(l, r);
    if (share < NAME_MATCH_MIN_CONTAINMENT) return;
    matchOf.set(l, { release: r, by: 'name', containment: share });
    taken.add(r);
  });
  const pairs: { l: number; r: number; share: number }[] = [];
  for (let l = 0; l < leakedColumns.length; l++) {
    if (matchOf.has(l)) continue;
    for (let r = 0; r < encoded.canonical.length; r++) {
      if (taken.has(r)) continue;
      const share = containment(l, r);
      if (share >= VALUE_MATCH_MIN_CONTAINMENT) pairs.push({ l, r, share });
    }
  }
  pairs.sort((a, b) => b.share - a.share || a.l - b.l || a.r - b.r);
  for (const { l, r, share } of pairs) {
    if (matchOf.has(l) || taken.has(r)) continue;
    matchOf.set(l, { release: r, by: 'values', containment: share });
    taken.add(r);
  }
  const columns: ProjectedColumn[] = [];
  const unmatched: string[] = [];
  leakedColumns.forEach((column, l) => {
    const found = matchOf.get(l);
    if (found === undefined) {
      unmatched.push(column.name);
      return;
    }
    columns.push({
      match: {
        leaked: column.name,
        release: encoded.columnNames[found.release],
        by: found.by,
        containment: found.containment,
      },
      column: concatenate(encoded.canonical[found.release], column, releaseSets[found.release]),
    });
  });
  return { columns, unmatched };
}

/** Release codes, then the leaked column's values looked up in the release dictionary (new codes if absent). */
function concatenate(
  release: DictionaryColumn,
  leaked: DictionaryColumn,
  { index, precision }: { index: ReadonlyMap<string, number>; precision: number },
): DictionaryColumn {
  const dictionary = [...release.dictionary];
  const foreign = new Map<string, number>();
  const mapping = new Int32Array(leaked.dictionary.length);
  leaked.dictionary.forEach((value, code) => {
    const rounded = roundToPrecision(value, precision);
    let target = index.get(rounded) ?? foreign.get(rounded);
    if (target === undefined) {
      target = dictionary.length;
      dictionary.push(rounded);
      foreign.set(rounded, target);
    }
    mapping[code] = target;
  });
  const releaseRows = release.codes.length;
  const codes = new Int32Array(releaseRows + leaked.codes.length);
  codes.set(release.codes);
  for (let row = 0; row < leaked.codes.length; row++)
    codes[releaseRows + row] = mapping[leaked.codes[row]];
  return { name: release.name, dictionary, codes };
}
