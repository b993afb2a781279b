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

(() => {
  for (let c = 0; c < 0x80; c++) FOLDING[c] = KEEP;
  FOLDING.fill(KEEP, 0x4e00, 0xa000);
  FOLDING.fill(KEEP, 0x3400, 0x4dc0);
  for (const dash of DASHES) {
    FOLDING[dash] = REPLACE;
    REPLACEMENTS.set(dash, '-');
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
  else {
    const normalized = character.normalize('NFKC');
    if (normalized !== character) {
      folding = REPLACE;
      REPLACEMENTS.set(c, normalized);
    }
  }
  FOLDING[c] = folding;
  return folding;
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
