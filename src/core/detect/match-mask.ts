// One value against every detector: the bit set of detectors that recognise it.
import { toHalfWidth } from '../table/half-width.js';
import type { DetectorSet } from './detector-set.js';
import { normalizeText } from './normalize/normalize-text.js';
import { scanText } from './spans/find-spans.js';
import { resolveOverlaps } from './spans/resolve-overlaps.js';
import { characterClasses, FULL_WIDTH, SPACE } from './value-shape.js';

/**
 * The detectors (bit d = detectors[d]) that recognise `raw`, normalized first (trimmed, folded
 * to half width); `EMPTY_VALUE` when nothing is left after normalization. They are tried in
 * order and the first strong detector that matches claims the value: a valid resident ID is
 * not also counted as a USCC or a card number it happens to checksum as (1 in 31, 1 in 10), and
 * the later detectors are not run for it. A detector whose shape gate turns the value away is
 * not called at all: one pass over the characters spares most of the 13 calls (an order number
 * such as MZ2024021100001 reaches none). `rawClasses` is characterClasses(raw), for a caller that
 * computed it already.
 */
export function matchMask(
  raw: string,
  set: DetectorSet,
  rawClasses: number = characterClasses(raw),
): number {
  let value = raw;
  let classes = rawClasses;
  // Without a space or a full-width character, trimming and folding would return `raw` itself.
  if ((classes & (SPACE | FULL_WIDTH)) !== 0) {
    value = toHalfWidth(raw.trim());
    classes = characterClasses(value);
  }
  const length = value.length;
  if (length === 0) return EMPTY_VALUE;
  let candidates =
    set.byLength[length < set.longest ? length : set.longest] &
    set.byClasses[classes] &
    set.enabled;
  let mask = 0;
  while (candidates !== 0) {
    const bit = candidates & -candidates; // the lowest: detectors run in order
    candidates ^= bit;
    const detector = set.detectors[31 - Math.clz32(bit)];
    if (detector.matches(value) || detector.matchesDisguised?.(value) === true) {
      mask |= bit;
      if ((set.strong & bit) !== 0) break;
    }
  }
  return mask;
}

/** matchMask's answer for a value that is empty after normalization. */
export const EMPTY_VALUE = 1 << 30;

/** Adds `weight` to the count of every detector in `mask` (not EMPTY_VALUE). */
export function addMatches(mask: number, weight: number, matches: Int32Array): void {
  for (let rest = mask; rest !== 0; rest &= rest - 1)
    matches[31 - Math.clz32(rest & -rest)] += weight;
}

/** Values shorter than this hold nothing a whole-cell detector would not see (患者张伟 is 4). */
const SPAN_MIN_LENGTH = 4;

/**
 * The detectors (bit d = detectors[d]) whose kind occurs in `raw`, whole or as a span inside it:
 * `wholeMask` (matchMask's answer) when some detector claims the whole value, else the kinds of
 * the spans findIdentifierSpans would report (an ID in a sentence, two phones in one cell, a name
 * after 患者; a label inside the value is context, so QQ：12345678 counts in any column).
 */
export function containMask(raw: string, wholeMask: number, set: DetectorSet): number {
  if (wholeMask !== 0 || raw.length < SPAN_MIN_LENGTH)
    return wholeMask === EMPTY_VALUE ? 0 : wholeMask;
  let mask = 0;
  const text = normalizeText(raw).text;
  for (const span of resolveOverlaps(scanText(text, {}, 0)))
    mask |= set.bitOfKind.get(span.kind) ?? 0;
  return mask;
}

/** A cell of running text: long, or holding sentence punctuation (，。；！？ or ", " / ". "). */
export function isTextCell(value: string): boolean {
  const length = value.length;
  if (length >= TEXT_CELL_LENGTH) return true;
  if (length < 12) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f) return true;
    if ((c === 44 || c === 46) && value.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}

/** Length from which a cell counts as running text whatever it holds. */
export const TEXT_CELL_LENGTH = 32;
