// Numbers written with digit look-alikes: Chinese numerals (一三八…, 幺, 〇/零, 壹贰叁) and the letters
// O/o and l/I typed for 0 and 1 beside digits (138l234567O).
import { OffsetMapBuilder } from '../normalize/offset-map.js';
import { isAsciiLetter, isDigit, skipDigitSeparators } from './characters.js';
import type { ScanDecoded } from './encoded-spans.js';
import type { ScanInput } from './span.js';

/** Per code unit: the digit it stands for + 1 (0 when none). ASCII digits are 49–58 here too. */
const NUMERAL = new Uint8Array(0x10000);
/** The ASCII letters read as a digit, only beside a digit and not inside a word. */
const LOOKALIKE = new Uint8Array(128);

(() => {
  const set = (characters: string, from: number) => {
    for (let i = 0; i < characters.length; i++) NUMERAL[characters.charCodeAt(i)] = from + i + 1;
  };
  set('〇一二三四五六七八九', 0);
  set('零壹贰叁肆伍陆柒捌玖', 0);
  NUMERAL['幺'.charCodeAt(0)] = 2; // 幺 is how a phone number's 1 is read out
  for (let d = 0; d < 10; d++) NUMERAL[48 + d] = d + 1;
  LOOKALIKE[79] = 1; // O
  LOOKALIKE[111] = 1; // o
  LOOKALIKE[108] = 2; // l
  LOOKALIKE[73] = 2; // I
})();

/** Digit-valued characters a run needs before it is worth decoding (a 7-digit landline). */
const MIN_DIGITS = 7;

/**
 * Finds runs of digits written with look-alikes, rewrites each to ASCII digits (separators kept,
 * a trailing X kept) and searches the rewrite (scanDecoded), so 一三八一二三四五六七八 is a mobile
 * and 一一〇一〇五…X a resident ID. A run needs one Chinese numeral or look-alike letter and
 * MIN_DIGITS digit-valued characters; runs of plain ASCII digits are the digit finder's.
 */
export function findNumeralSpans(input: ScanInput, scanDecoded: ScanDecoded): void {
  const { text, out } = input;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (valueAt(text, i) === 0) {
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
    for (const span of scanDecoded(decoded, map.build(), '')) out.push(span);
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
