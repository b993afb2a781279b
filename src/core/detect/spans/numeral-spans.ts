// Numbers written with digit look-alikes: Chinese numerals (一三八…, 幺, 〇/零, 壹贰叁) and the letters
// O/o and l/I typed for 0 and 1 beside digits (138l234567O).
import { OffsetMapBuilder } from '../normalize/offset-map.js';
import { isAsciiLetter, isDigit, skipDigitSeparators } from './characters.js';
import { scanDecoded } from './find-spans.js';
import { LOOKALIKE, NUMERAL } from './numerals.js';
import type { ScanInput } from './span.js';

/** Digit-valued characters a run needs before it is worth decoding (a 7-digit landline). */
const MIN_DIGITS = 7;

/**
 * Finds runs of digits written with look-alikes, rewrites each to ASCII digits (separators kept,
 * a trailing X kept) and searches the rewrite (scanDecoded), so 一三八一二三四五六七八 is a mobile
 * and 一一〇一〇五…X a resident ID. A run needs one Chinese numeral or look-alike letter and
 * MIN_DIGITS digit-valued characters; runs of plain ASCII digits are the digit finder's.
 */
export function findNumeralSpans(input: ScanInput): void {
  const { text, out } = input;
  const length = text.length;
  let i = 0;
  while (i < length) {
    // Most characters are neither a numeral nor a look-alike: two loads, no call.
    const c = text.charCodeAt(i);
    if ((NUMERAL[c] === 0 && (c >= 128 || LOOKALIKE[c] === 0)) || valueAt(text, i) === 0) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let digits = 0;
    let disguised = false;
    let at = i;
    while (at < length) {
      const value = valueAt(text, at);
      if (value !== 0) {
        digits++;
        if (!isDigit(text.charCodeAt(at))) disguised = true;
        at++;
        end = at;
        continue;
      }
      const next = skipDigitSeparators(text, at);
      if (next === at || next >= length || valueAt(text, next) === 0) break;
      at = next;
    }
    i = Math.max(end, start + 1);
    if (!disguised || digits < MIN_DIGITS) continue;
    const map = new OffsetMapBuilder(end - start + 1);
    let decoded = '';
    for (let k = start; k < end; k++) {
      const value = valueAt(text, k);
      decoded += value === 0 ? text[k] : String.fromCharCode(47 + value);
      map.push(k, k + 1);
    }
    const after = text.charCodeAt(end);
    if (after === 88 || after === 120) {
      decoded += 'X';
      map.push(end, end + 1);
    }
    for (const span of scanDecoded(decoded, map.build(), '', input)) out.push(span);
  }
}

/** The digit + 1 the character at `at` stands for, or 0. */
function valueAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const numeral = NUMERAL[c];
  if (numeral !== 0) return numeral;
  if (c >= 128 || LOOKALIKE[c] === 0) return 0;
  // A letter counts only beside a digit and never inside a word (Hello, OIL).
  const before = at > 0 ? text.charCodeAt(at - 1) : 0;
  const after = at + 1 < text.length ? text.charCodeAt(at + 1) : 0;
  if (isAsciiLetter(before) || isAsciiLetter(after)) return 0;
  if (NUMERAL[before] === 0 && NUMERAL[after] === 0) return 0;
  return LOOKALIKE[c];
}
