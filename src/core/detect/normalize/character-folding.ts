// What normalization does to one character: keep it, remove it (invisible), or replace it (NFKC, dashes).

export const KEEP = 1;
/** Format characters (zero-width, bidi controls, soft hyphen) and combining marks: invisible. */
export const REMOVE = 2;
/** Replaced by its NFKC form (full-width forms, compatibility ideographs) or a folded dash. */
export const REPLACE = 3;

/**
 * Per BMP code unit: 0 while not yet classified, else KEEP, REMOVE or REPLACE. Filled lazily (a
 * character is classified the first time it is met, ~1 µs) because classifying all 65,536 up
 * front costs ~50 ms at start-up for characters most data never holds.
 */
const FOLDING = new Uint8Array(0x10000);
const REPLACEMENTS = new Map<number, string>();

/** Dashes NFKC leaves alone that people type between digit groups (‐ ‑ ‒ – — ― − ﹘). */
const DASHES = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58];

const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * Cyrillic and Greek letters drawn like Latin ones: an attacker writes a resident ID's check
 * character as Cyrillic Х, or an e-mail's local part with Cyrillic а, and no ASCII pattern
 * matches. Detection reads them as the Latin letter they imitate (offsets still name the original).
 */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  Ѕ: 'S', І: 'I', Ј: 'J', Ԁ: 'd',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', х: 'x', у: 'y',
  ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P',
  Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', ν: 'v', ρ: 'p', κ: 'k', ι: 'i', χ: 'x', υ: 'u',
}; // prettier-ignore

(() => {
  for (let c = 0; c < 0x80; c++) FOLDING[c] = KEEP;
  FOLDING.fill(KEEP, 0x4e00, 0xa000);
  FOLDING.fill(KEEP, 0x3400, 0x4dc0);
  for (const dash of DASHES) {
    FOLDING[dash] = REPLACE;
    REPLACEMENTS.set(dash, '-');
  }
  for (const [glyph, latin] of Object.entries(HOMOGLYPHS)) {
    FOLDING[glyph.charCodeAt(0)] = REPLACE;
    REPLACEMENTS.set(glyph.charCodeAt(0), latin);
  }
  // Full-width punctuation that no identifier is written with (，：；（）！？…) stays as it is:
  // every finder reads both forms, and a Chinese sentence then needs no rewriting (no offset map).
  // Full-width digits, letters and the symbols identifiers use (＠．－＋＿＃％／) are folded.
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0;
    const inIdentifiers = /[0-9A-Za-z@.\-+_#%/]/.test(String.fromCharCode(ascii));
    if (!inIdentifiers) FOLDING[c] = KEEP;
  }
})();

/** KEEP, REMOVE or REPLACE for a BMP code unit that is not a surrogate. */
export function foldingOf(c: number): number {
  const known = FOLDING[c];
  if (known !== 0) return known;
  const character = String.fromCharCode(c);
  let folding = KEEP;
  if (INVISIBLE.test(character)) folding = REMOVE;
  else if (DECIMAL_DIGIT.test(character)) {
    // Digits of other scripts (Arabic-Indic ٣, Devanagari ३…), which NFKC leaves alone.
    folding = REPLACE;
    REPLACEMENTS.set(c, String(digitValue(c)));
  } else {
    const normalized = character.normalize('NFKC');
    if (normalized !== character) {
      folding = REPLACE;
      REPLACEMENTS.set(c, normalized);
    }
  }
  FOLDING[c] = folding;
  return folding;
}

/**
 * The value of a decimal digit outside ASCII: every script's digits are ten code points in a row
 * from zero (some scripts have several sets in a row), so it is the distance back to the start
 * of the run of digits, modulo 10.
 */
function digitValue(c: number): number {
  let zero = c;
  while (zero > 0 && c - zero < 100 && DECIMAL_DIGIT.test(String.fromCharCode(zero - 1))) zero--;
  return (c - zero) % 10;
}

/** The replacement of a code unit whose folding is REPLACE. */
export function replacementOf(c: number): string {
  return REPLACEMENTS.get(c)!;
}

const ASTRAL = new Map<number, string | null>();

/**
 * What normalization makes of an astral code point: '' to remove it (tag characters, variation
 * selectors supplement), its NFKC form when that differs (mathematical digits 𝟏 → 1), or null to
 * keep it.
 */
export function foldAstral(codePoint: number): string | null {
  let folded = ASTRAL.get(codePoint);
  if (folded === undefined) {
    const character = String.fromCodePoint(codePoint);
    if (INVISIBLE.test(character)) folded = '';
    else {
      const normalized = character.normalize('NFKC');
      folded = normalized === character ? null : normalized;
    }
    ASTRAL.set(codePoint, folded);
  }
  return folded;
}
