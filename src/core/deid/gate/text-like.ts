// The gate against free text under another role, and against a non-text column declared text:
// running text holds identifiers in sentences that only a scrub removes, and free text stays
// outside k, so a date or a code declared text would escape it. "Running text" is detect's
// (isTextCell, TEXT_LIKE_RATE: half the cells long or sentences).
import { TEXT_LIKE_RATE, type ScanResult } from '../../detect/detect-columns.js';
import { isTextCell } from '../../detect/match-mask.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from './refusal.js';

/** Refuses a released column that reads as running text under a role other than `text`. */
export function checkTextLike(column: string, scan: ScanResult): GateRefusal[] {
  if (scan.nonEmpty === 0 || scan.textCells === undefined) return [];
  const textShare = scan.textCells / scan.nonEmpty;
  return textShare >= TEXT_LIKE_RATE
    ? [{ kind: 'text_like_column', column, textShare, threshold: TEXT_LIKE_RATE }]
    : [];
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
 * Refuses a column declared `text` whose distinct values are mostly not running text (counted
 * over distinct values, so a notes column where most rows say 无 is still text).
 */
export function checkDeclaredText(column: DictionaryColumn): GateRefusal[] {
  const textShare = measureDistinctTextShare(column);
  return textShare < TEXT_LIKE_RATE
    ? [{ kind: 'not_free_text', column: column.name, textShare, threshold: TEXT_LIKE_RATE }]
    : [];
}
