// The gate against identifiers split over two columns (an ID as 6 + 12 digits, a mobile as 3 + 8):
// each half alone matches nothing, their concatenation is a valid identifier row after row.
import type { Detector } from '../../detect/detector.js';
import { toHalfWidth } from '../../table/half-width.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from './refusal.js';

/** Rows sampled per pair of columns (spread over the released rows). */
const SAMPLE_ROWS = 200;
/**
 * Share of sampled rows whose concatenation is valid from which a pair is refused. A real split
 * gives nearly every row; chance gives at most one in ten (a Luhn check passes 10 % of numbers).
 */
export const SPLIT_MIN_SHARE = 0.5;
/** Only halves this short, holding a digit, are tried (an identifier is at most 18 characters). */
const MAX_PART_LENGTH = 18;

/**
 * Refuses each ordered pair of released columns whose values, concatenated row by row (trimmed,
 * half width), match a strong detector (check digit or precise grammar) in at least
 * SPLIT_MIN_SHARE of the sampled rows where both are non-empty, when neither column alone
 * matches that detector in those rows. `rows` lists the released rows (suppressed ones out).
 */
export function checkSplitIdentifiers(
  columns: readonly DictionaryColumn[],
  detectors: readonly Detector[],
  rows: Uint32Array,
): GateRefusal[] {
  const strong = detectors.filter((d) => d.strength === 'strong');
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(rows.length / SAMPLE_ROWS));
  for (let i = 0; i < rows.length && sample.length < SAMPLE_ROWS; i += step) sample.push(rows[i]);
  const valuesOf = (column: DictionaryColumn) =>
    sample.map((row) => toHalfWidth(column.dictionary[column.codes[row]]).trim());
  const candidates = columns
    .map((column) => ({ column, values: valuesOf(column) }))
    .filter(({ values }) =>
      values.some((v) => v.length > 0 && v.length <= MAX_PART_LENGTH && /\d/.test(v)),
    );
  const refusals: GateRefusal[] = [];
  for (const left of candidates)
    for (const right of candidates) {
      if (left === right) continue;
      for (const detector of strong) {
        let pairs = 0;
        let matched = 0;
        for (let i = 0; i < sample.length; i++) {
          const a = left.values[i];
          const b = right.values[i];
          if (a === '' || b === '' || a.length > MAX_PART_LENGTH || b.length > MAX_PART_LENGTH)
            continue;
          pairs++;
          if (!detector.matches(a) && !detector.matches(b) && detector.matches(a + b)) matched++;
        }
        if (pairs > 0 && matched / pairs >= SPLIT_MIN_SHARE)
          refusals.push({
            kind: 'split_identifier',
            column: left.column.name,
            secondColumn: right.column.name,
            detector: detector.kind,
            share: matched / pairs,
          });
      }
    }
  return refusals;
}
