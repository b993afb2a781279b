// The gate against de facto identifiers: a released column that tells most of its rows apart is an
// identifier whatever its name, unless k already holds over it or nobody can link its values.
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { ColumnUniqueness } from './column-uniqueness.js';
import type { GateRefusal } from './refusal.js';

/**
 * A column is near-unique when more than this share of its non-empty released values are held
 * by one released row each. Half: a record number, an exact timestamp, an amount to the cent or
 * a digest is far above it (0.7–1.0 on the fixtures); a category, a rounded measurement or a
 * generalized date is far below (0–0.15). Above it, anyone who knows one person's value finds
 * that person's row for most people: the column identifies them (Art. 29).
 */
export const NEAR_UNIQUE_SHARE = 0.5;

/** Share of sampled values that must look like digests for a refusal to name the likely hash. */
const DIGEST_SHARE = 0.9;
const DIGEST_SAMPLE = 200;

/** Hex digests by length (MD5, SHA-1, SHA-256, SHA-512) and base64 SHA-256. */
const DIGEST_SHAPES: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'MD5', pattern: /^[0-9a-f]{32}$/i },
  { name: 'SHA-1', pattern: /^[0-9a-f]{40}$/i },
  { name: 'SHA-256', pattern: /^[0-9a-f]{64}$/i },
  { name: 'SHA-512', pattern: /^[0-9a-f]{128}$/i },
  { name: 'SHA-256 (base64)', pattern: /^[A-Za-z0-9+/]{43}=$/ },
];

/**
 * Refuses `column` when its unique share exceeds NEAR_UNIQUE_SHARE. Callers leave out what the
 * rule does not judge: columns k is measured over (their unique rows are suppressed or refused
 * there), keyed pseudonyms with the key destroyed and synthetic draws (nobody can compute them
 * from a known value), and scrubbed text. The refusal names the column, its share and, when
 * the values look like digests, the hash: an unkeyed hash of an identifier is restored by
 * hashing every candidate (10^11 resident IDs of one region and year range take minutes).
 */
export function checkNearUnique(
  column: DictionaryColumn,
  uniqueness: ColumnUniqueness,
): GateRefusal[] {
  if (uniqueness.uniqueShare <= NEAR_UNIQUE_SHARE) return [];
  const digest = digestShape(column.dictionary);
  return [
    {
      kind: 'near_unique_column',
      column: column.name,
      uniqueShare: uniqueness.uniqueShare,
      threshold: NEAR_UNIQUE_SHARE,
      ...(digest ? { digest } : {}),
    },
  ];
}

/** The digest shape most sampled values have, if any. */
function digestShape(dictionary: readonly string[]): string | undefined {
  const step = Math.max(1, Math.floor(dictionary.length / DIGEST_SAMPLE));
  const sample: string[] = [];
  for (let code = 0; code < dictionary.length && sample.length < DIGEST_SAMPLE; code += step)
    if (dictionary[code] !== '') sample.push(dictionary[code].trim());
  if (sample.length === 0) return undefined;
  for (const { name, pattern } of DIGEST_SHAPES) {
    const hits = sample.filter((value) => pattern.test(value)).length;
    if (hits / sample.length >= DIGEST_SHARE) return name;
  }
  return undefined;
}
