// Character tests the span finders share (over UTF-16 code units of normalized text).

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAsciiAlphanumeric(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Han ideographs as cn_name counts them (the unified block and extension A). */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/**
 * Characters people put between digit groups of one number: space, tab, `-`, `.`, `·` (and the
 * other middle dots), `_`, a line break (a number split across lines), the punctuation an
 * attacker interleaves (isListSeparator), and emoji and pictographs (138😀1234😀5678).
 */
export function isDigitSeparator(c: number): boolean {
  return DIGIT_SEPARATORS[c] === 1;
}

/** 1 for each code unit isDigitSeparator accepts: one load per test where chains are read. */
const DIGIT_SEPARATORS = tableOf(
  (c) =>
    isListSeparator(c) ||
    isEmojiUnit(c) ||
    c === 32 ||
    c === 9 ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 10 ||
    c === 13 ||
    c === 0xb7 ||
    c === 0x2022 ||
    c === 0x30fb ||
    c === 0x2027 ||
    c === 0x3002,
);

/** A membership table over all UTF-16 code units (an out-of-range index, NaN, reads as absent). */
function tableOf(test: (c: number) => boolean): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (test(c)) table[c] = 1;
  return table;
}

/**
 * A code unit of an emoji or pictograph: the surrogates of U+1F000–U+1FAFF (both halves), and
 * the BMP symbols and dingbats (☎ ★ ✅ ❤, U+2600–U+27BF, ⭐ U+2B50).
 */
export function isEmojiUnit(c: number): boolean {
  return (
    (c >= 0xd83c && c <= 0xd83e) ||
    (c >= 0xdc00 && c <= 0xdfff) ||
    (c >= 0x2600 && c <= 0x27bf) ||
    c === 0x2b50
  );
}

/** Sentence and clause punctuation that ends an address or a name (，。；：、！？ and ASCII ones). */
export function isClausePunctuation(c: number): boolean {
  return CLAUSE_PUNCTUATION[c] === 1;
}

const CLAUSE_PUNCTUATION = tableOf(
  (c) =>
    c === 0xff0c || // ，
    c === 0x3002 || // 。
    c === 0xff1b || // ；
    c === 0xff1a || // ：
    c === 0x3001 || // 、
    c === 0xff01 || // ！
    c === 0xff1f || // ？
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 10 ||
    c === 13 ||
    c === 9 ||
    c === 34 ||
    c === 39 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0xff08 ||
    c === 0xff09 ||
    c === 40 ||
    c === 41 ||
    c === 0x3010 ||
    c === 0x3011 ||
    c === 47 ||
    c === 124,
);

/**
 * `,` `/` `~` `*` `|`: an attacker interleaves them (138,1234,5678), but they also separate the
 * numbers of a list (12,305,77). Groups joined by them are read as one number only when the whole
 * chain is that number; each group is still read on its own.
 */
export function isListSeparator(c: number): boolean {
  return c === 44 || c === 47 || c === 126 || c === 42 || c === 124;
}

/** Most separator characters allowed between two groups of one number (`138 - 1234`). */
export const MAX_SEPARATOR_RUN = 3;

/** The index after the separators (at most MAX_SEPARATOR_RUN) starting at `at`. */
export function skipDigitSeparators(text: string, at: number): number {
  let next = at;
  while (
    next < text.length &&
    next - at < MAX_SEPARATOR_RUN &&
    isDigitSeparator(text.charCodeAt(next))
  )
    next++;
  return next;
}
