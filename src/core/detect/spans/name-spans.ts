// Personal names inside text: after a cue (患者, 联系人), before a title (先生, 主任), romanized, or the whole text.
import { isCnName, NOT_IN_GIVEN_NAMES } from '../detectors/cn-name.js';
import { DRUG_CHARACTERS, MEDICAL_WORDS } from '../medical-terms.js';
import {
  AFTER_NAME_CHARACTERS,
  FUNCTION_WORD_SURNAMES,
  GIVEN_NAME_CHARACTERS,
} from '../name-characters.js';
import { isPinyinFullName } from '../pinyin-names.js';
import { COMPOUND_SURNAMES, surnameLength } from '../surnames.js';
import { isAsciiLetter, isClausePunctuation, isHan } from './characters.js';
import {
  ASCII_CUES,
  CUES,
  MAX_ROMANIZED_WORD,
  CUES_BY_FIRST,
  SECOND_OF_CUE_OR_TITLE,
  STARTS_A_CUE_OR_TITLE,
  CUE,
  TITLE,
  TITLES_BY_FIRST,
} from './name-cues.js';
import type { ScanInput } from './span.js';

const NOT_GIVEN = new Set(Array.from(NOT_IN_GIVEN_NAMES + DRUG_CHARACTERS));

/** Characters between a cue and the name: colon, space, 为, 是, 叫. */
function isCueFiller(c: number): boolean {
  return (
    c === 32 ||
    c === 58 ||
    c === 0xff1a ||
    c === 0x4e3a ||
    c === 0x662f ||
    c === 0x53eb ||
    c === 0x3a
  );
}

export function findNameSpans(input: ScanInput): void {
  const { text } = input;
  if (wholeNames(input)) return;
  // A cue, a title or an ASCII word starts at scan.nameStarts.
  const positions = input.scan.nameStarts;
  for (let k = 0; k < positions.count; k++) {
    const at = positions.at[k];
    const c = text.charCodeAt(at);
    if (c < 128) {
      const wordStart = isAsciiLetter(c) && (at === 0 || !isAsciiLetter(text.charCodeAt(at - 1)));
      // A romanized name in text starts with a capital (Zhang Wei, ZHANG Wei).
      if (wordStart && c >= 65 && c <= 90) romanizedName(input, at);
      // An English cue before a Han name in mixed-language notes (Patient 张伟, Mr. 王).
      if (wordStart) {
        const cue = asciiCueAt(text, at);
        if (cue > 0) nameAfterCue(input, at + cue);
      }
      continue;
    }
    const starts = STARTS_A_CUE_OR_TITLE[c];
    if (starts === 0 || SECOND_OF_CUE_OR_TITLE[text.charCodeAt(at + 1)] !== 1) continue;
    // Names sit next to Han characters: a cue or title followed or preceded by none is not one.
    if ((starts & CUE) !== 0) {
      const cue = wordAt(CUES_BY_FIRST.get(c)!, text, at);
      if (cue > 0) {
        nameAfterCue(input, at + cue);
        continue;
      }
    }
    if ((starts & TITLE) !== 0 && at > 0 && isHan(text.charCodeAt(at - 1)))
      if (wordAt(TITLES_BY_FIRST.get(c)!, text, at) > 0) nameBeforeTitle(input, at);
  }
}

/** The English cues by their first letter (lower case), longest first. */
const ASCII_CUES_BY_FIRST: readonly (readonly string[] | undefined)[] = (() => {
  const table: string[][] = [];
  for (const cue of ASCII_CUES) (table[cue.charCodeAt(0)] ??= []).push(cue);
  for (const list of table) list?.sort((a, b) => b.length - a.length);
  return table;
})();

/** Length of the English cue (any case, a whole word, then a space or colon) at `at`, or 0. */
function asciiCueAt(text: string, at: number): number {
  const cues = ASCII_CUES_BY_FIRST[text.charCodeAt(at) | 32];
  if (cues === undefined) return 0;
  for (const cue of cues) {
    if (at + cue.length >= text.length) continue;
    let same = true;
    for (let i = 1; i < cue.length && same; i++) {
      let a = text.charCodeAt(at + i);
      if (a >= 65 && a <= 90) a += 32;
      same = a === cue.charCodeAt(i);
    }
    const next = text.charCodeAt(at + cue.length);
    if (same && (next === 32 || next === 58 || next === 0xff1a)) return cue.length;
  }
  return 0;
}

/** Length of the first of `words` (longest first) that `text` has at `at`, or 0. */
function wordAt(words: readonly string[], text: string, at: number): number {
  for (let w = 0; w < words.length; w++) if (text.startsWith(words[w], at)) return words[w].length;
  return 0;
}

/** What separates several names in one cell (张伟/李娜, 张伟、李娜) and a label from its value (联系人：张伟). */
const NAME_LIST_SEPARATORS = /[/／;；、,，|]/;

/**
 * The whole text as names: one name (张伟, Zhang Wei, 龚 艳), several joined by separators
 * (张伟/李娜), or a name after a label and a colon (联系方式：张伟). True when it is.
 */
function wholeNames(input: ScanInput): boolean {
  const { text, out } = input;
  if (text.length > 64) return false;
  const colon = Math.max(text.lastIndexOf(':'), text.lastIndexOf('：'));
  const from = colon >= 0 && colon < 12 ? colon + 1 : 0;
  const parts: [number, number][] = [];
  let start = from;
  for (let i = from; i <= text.length; i++) {
    if (i < text.length && !NAME_LIST_SEPARATORS.test(text[i])) continue;
    let a = start;
    let b = i;
    while (a < b && text.charCodeAt(a) === 32) a++;
    while (b > a && text.charCodeAt(b - 1) === 32) b--;
    if (b > a) parts.push([a, b]);
    start = i + 1;
  }
  if (parts.length === 0 || parts.length > 8) return false;
  for (const [a, b] of parts) {
    const part = text.slice(a, b);
    if (part.length < 2 || part.length > 24 || !isCnName(part) || MEDICAL_WORDS.has(part))
      return false;
  }
  for (const [a, b] of parts) out.push({ kind: 'cn_name', start: a, end: b });
  return true;
}

/** A name right after a cue ending at `from`, possibly with spaces between its characters (龚 艳). */
function nameAfterCue(input: ScanInput, from: number): void {
  const { text, out } = input;
  let at = from;
  while (at < text.length && at - from < 3 && isCueFiller(text.charCodeAt(at))) at++;
  // Positions of up to five Han characters, a single space or middle dot allowed between them.
  const positions: number[] = [];
  let i = at;
  while (i < text.length && positions.length < 5) {
    const c = text.charCodeAt(i);
    if (isHan(c)) positions.push(i++);
    else if (
      (c === 32 || isNameDot(c)) &&
      positions.length > 0 &&
      i + 1 < text.length &&
      isHan(text.charCodeAt(i + 1))
    )
      i++;
    else break;
  }
  if (positions.length < 2) return;
  const chars = positions.map((p) => text[p]).join('');
  const surname = surnameLength(chars);
  if (surname === 0) return;
  // Whether the characters read end at a boundary (punctuation, a non-Han character, the end).
  const next = positions[positions.length - 1] + 1;
  const boundaryAfter =
    positions.length < 5 && (next >= text.length || !isHan(text.charCodeAt(next)));
  let given = givenNameLength(chars, surname, boundaryAfter);
  // A title right after the surname or the first given character ends the name (联系刘女士,
  // 联系张伟先生): the title path reports it.
  for (let g = 0; g < given; g++) if (startsTitle(chars, surname + g)) given = g;
  if (given === 0) return;
  const last = positions[surname + given - 1];
  out.push({ kind: 'cn_name', start: positions[0], end: last + 1 });
}

/**
 * How many characters after a surname of `surname` characters in `chars` are its given name
 * (0 when the first is not name-like). Two when the third is a boundary or a word that ends a
 * name (说, 因, 今); otherwise two only if the second given character is a common one.
 */
function givenNameLength(chars: string, surname: number, boundaryAfter: boolean): number {
  const g1 = chars.charCodeAt(surname);
  if (Number.isNaN(g1) || !isGivenCharacter(chars[surname])) return 0;
  const g2 = chars[surname + 1];
  if (g2 === undefined || !isGivenCharacter(g2)) return 1;
  const after = chars[surname + 2];
  // 张伟说… ends the name before 说; 周帅可， keeps 可: a sentence does not stop on it.
  if (AFTER_NAME_CHARACTERS.has(g2)) return after === undefined && boundaryAfter ? 2 : 1;
  if (after === undefined || AFTER_NAME_CHARACTERS.has(after)) return 2;
  return GIVEN_NAME_CHARACTERS.has(g2) ? 2 : 1;
}

function isGivenCharacter(ch: string): boolean {
  return isHan(ch.charCodeAt(0)) && !NOT_GIVEN.has(ch);
}

/** A surname, or a full name, right before the title at `title` (张主任, 李明辉先生, 请转告刘女士). */
function nameBeforeTitle(input: ScanInput, title: number): void {
  const { text, out } = input;
  for (let length = 4; length >= 1; length--) {
    const start = title - length;
    if (start < 0) continue;
    const candidate = text.slice(start, title);
    let han = true;
    for (let i = 0; i < candidate.length; i++) han &&= isHan(candidate.charCodeAt(i));
    if (!han) continue;
    // 尉迟医生, 长孙主任: a compound surname alone before a title (surnameLength wants a given name).
    const compoundAlone = length === 2 && COMPOUND_SURNAMES.includes(candidate);
    const surname = compoundAlone
      ? 2
      : surnameLength(candidate.length === 1 ? `${candidate}_` : candidate);
    if (surname === 0 || (surname === 2 && length === 2 && !compoundAlone)) continue;
    if (length > surname) {
      if (length - surname > 2) continue;
      // Between a clause boundary and a title (。黄振家先生) the characters can only be a name:
      // any given character is taken, also one that usually ends a name (家) or is rare.
      const bounded = start === 0 || isClauseBoundary(text.charCodeAt(start - 1));
      let plausible = true;
      for (let i = surname; i < length; i++)
        plausible &&= bounded
          ? !NOT_GIVEN.has(candidate[i])
          : isGivenCharacter(candidate[i]) && !AFTER_NAME_CHARACTERS.has(candidate[i]);
      if (!plausible) continue;
      // 和王伟先生: a function word before another surname starts one character later (not
      // after a clause boundary, where no function word stands before a name: 。常国辉先生).
      if (
        !bounded &&
        FUNCTION_WORD_SURNAMES.has(candidate[0]) &&
        surnameLength(candidate.slice(1)) > 0
      )
        continue;
      // The character before must not continue a word (…告刘: only 刘 is the name).
      const before = start > 0 ? text.charCodeAt(start - 1) : 0;
      if (isHan(before) && !AFTER_NAME_CHARACTERS.has(text[start - 1]) && !endsCue(text, start))
        continue;
    }
    out.push({ kind: 'cn_name', start, end: title });
    return;
  }
}

/** Middle dots written inside a name (张·伟, 张•伟, 张・伟). */
function isNameDot(c: number): boolean {
  return c === 0xb7 || c === 0x2022 || c === 0x30fb || c === 0x2027;
}

/** Punctuation or a line start before a name: nothing it could be a word with. */
function isClauseBoundary(c: number): boolean {
  return c < 128
    ? !isAsciiLetter(c) && !(c >= 48 && c <= 57)
    : isClausePunctuation(c) || c === 0x3002;
}

function startsTitle(text: string, at: number): boolean {
  return (
    TITLES_BY_FIRST.get(text.charCodeAt(at))?.some((title) => text.startsWith(title, at)) ?? false
  );
}

/** True when a cue ends right before `at` (患者李明辉先生). */
function endsCue(text: string, at: number): boolean {
  return CUES.some((cue) => at >= cue.length && text.startsWith(cue, at - cue.length));
}

/** Start and end of each of up to three words romanizedName reads (it reads one name at a time). */
const WORD_BOUNDS = new Int32Array(6);

/** Zhang Wei, ZHANG Wei, Wei Zhang, Zhang Xiao-Ming, Zhang Xiao Ming starting at `at`. */
function romanizedName(input: ScanInput, at: number): void {
  const { text, out } = input;
  // Two words at least: a space after the first before anything is allocated.
  let first = at;
  while (
    first < text.length &&
    first - at <= MAX_ROMANIZED_WORD &&
    isAsciiLetter(text.charCodeAt(first))
  )
    first++;
  if (text.charCodeAt(first) !== 32 && text.charCodeAt(first) !== 45) return;
  // Word boundaries in a reused table: no array per candidate (most are one word: SKU-88231).
  const words = WORD_BOUNDS;
  let count = 0;
  let i = at;
  while (count < 3) {
    const start = i;
    while (
      i < text.length &&
      i - start <= MAX_ROMANIZED_WORD &&
      (isAsciiLetter(text.charCodeAt(i)) || (i > start && text.charCodeAt(i) === 45))
    )
      i++;
    if (i === start || i - start > MAX_ROMANIZED_WORD) return;
    words[2 * count] = start;
    words[2 * count + 1] = i;
    count++;
    if (text.charCodeAt(i) !== 32 || !isAsciiLetter(text.charCodeAt(i + 1))) break;
    i++;
  }
  if (count < 2) return;
  // Each word sliced once (no closure or repeated slice per candidate).
  const one = text.slice(words[0], words[1]);
  const two = text.slice(words[2], words[3]);
  if (count === 3 && isPinyinFullName(one, `${two}-${text.slice(words[4], words[5])}`, true)) {
    out.push({ kind: 'cn_name', start: at, end: words[5] });
    return;
  }
  if (isPinyinFullName(one, two, true) || isPinyinFullName(two, one, true)) {
    const end = words[3];
    if (isAsciiLetter(text.charCodeAt(end + 1)) && text.charCodeAt(end) === 32) {
      // Part of a longer run of words (an English sentence): only if both look like pinyin names.
      if (!isCapital(text.charCodeAt(words[0])) || !isCapital(text.charCodeAt(words[2]))) return;
    }
    out.push({ kind: 'cn_name', start: at, end });
  }
}

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}
