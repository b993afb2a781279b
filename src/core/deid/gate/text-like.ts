// The gate against free text under another role: running text holds identifiers in sentences that
// only a scrub removes, so a released column that reads as text must be declared `role: text`.
import { countCodes, type DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from './refusal.js';

/** A cell of this many characters counts as text whatever it holds. */
export const TEXT_CELL_LENGTH = 32;
/** Shorter cells count as text from this length when they hold sentence punctuation. */
const SENTENCE_MIN_LENGTH = 12;
/** A column is text-like when this share of its non-empty cells are text cells. */
export const TEXT_LIKE_SHARE = 0.5;

/** A cell of running text: long, or a sentence (，。；！？ or ", " / ". " inside). */
export function isTextCell(value: string): boolean {
  const length = value.length;
  if (length >= TEXT_CELL_LENGTH) return true;
  if (length < SENTENCE_MIN_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f) return true;
    if ((c === 44 || c === 46) && value.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}

/** Share of the non-empty cells (weighted by rows) that are text cells. */
export function measureTextShare(column: DictionaryColumn): number {
  const rows = countCodes(column);
  let nonEmpty = 0;
  let text = 0;
  column.dictionary.forEach((value, code) => {
    if (value === '') return;
    nonEmpty += rows[code];
    if (isTextCell(value)) text += rows[code];
  });
  return nonEmpty === 0 ? 0 : text / nonEmpty;
}

/** Share of the distinct non-empty values that are text cells (templated notes count once). */
export function measureDistinctTextShare(column: DictionaryColumn): number {
  let distinct = 0;
  let text = 0;
  for (const value of column.dictionary) {
    if (value === '') continue;
    distinct++;
    if (isTextCell(value)) text++;
  }
  return distinct === 0 ? 1 : text / distinct;
}

/**
 * Refuses a column declared `text` whose distinct values are mostly not running text: free text
 * stays outside k (it is judged span by span), so a date or a code declared text would escape k.
 */
export function checkDeclaredText(column: DictionaryColumn): GateRefusal[] {
  const textShare = measureDistinctTextShare(column);
  return textShare < TEXT_LIKE_SHARE
    ? [{ kind: 'not_free_text', column: column.name, textShare, threshold: TEXT_LIKE_SHARE }]
    : [];
}

/** Refuses a released column that reads as running text under a role other than `text`. */
export function checkTextLike(column: DictionaryColumn): GateRefusal[] {
  const textShare = measureTextShare(column);
  return textShare >= TEXT_LIKE_SHARE
    ? [{ kind: 'text_like_column', column: column.name, textShare, threshold: TEXT_LIKE_SHARE }]
    : [];
}
