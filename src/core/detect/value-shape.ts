// A value's shape (its length and the classes of characters it holds) and the shape each detector needs.
import { FNV_OFFSET, FNV_PRIME } from '../table/string-interner.js';

/**
 * Character classes, one bit each. Every UTF-16 code unit falls in exactly one class, and the
 * classes follow the detectors' own tests: DIGIT is `\d` (ASCII only, as in a regex without the
 * `u` flag), SPACE is `\s` (what `trim` and the detectors' `[\s-]` remove), LETTER_X is the
 * resident-ID check character, HAN is what cn_name calls Han (cn_address's Han is a subset),
 * MIDDLE_DOT is cn_name's name separators.
 */
export const DIGIT = 1 << 0;
export const LETTER_X = 1 << 1;
/** ASCII letters other than X and x. */
export const LETTER = 1 << 2;
export const HAN = 1 << 3;
export const SPACE = 1 << 4;
export const DASH = 1 << 5;
export const DOT = 1 << 6;
export const AT = 1 << 7;
export const COLON = 1 << 8;
export const PAREN = 1 << 9;
export const PLUS = 1 << 10;
export const HASH = 1 << 11;
export const MIDDLE_DOT = 1 << 12;
/** ASCII characters not in a class above (other punctuation, controls). */
export const OTHER_ASCII = 1 << 13;
/** Everything else: other scripts, CJK punctuation, letters such as ſ that upper-case to ASCII. */
export const OTHER = 1 << 14;
/** Every class a normalized value can hold. */
export const ANY_CHARACTER = (1 << 15) - 1;
/**
 * Full-width ASCII variants (U+FF01–U+FF5E), which toHalfWidth folds: never in a normalized
 * value, so gates do not mention it; seeing it in a raw value says normalization is needed.
 */
export const FULL_WIDTH = 1 << 15;

/**
 * What a detector needs of a value before it is worth calling: a length range, classes that must
 * all occur and classes nothing may fall outside. A gate may let through values the detector
 * refuses, never the other way round: a value it turns away is one `matches` would refuse
 * (test/core/detect/value-shape.test.ts checks this over every vector, the fixture samples and
 * random strings). It is what lets a scan skip most of the 13 detectors for most values.
 */
export interface ShapeGate {
  readonly minLength: number;
  readonly maxLength: number;
  /** Classes that must all occur. */
  readonly required: number;
  /** Classes a value may hold (required ⊆ allowed). */
  readonly allowed: number;
}

/** True when a value of `length` characters holding `classes` passes `gate`. */
export function isAdmitted(gate: ShapeGate, length: number, classes: number): boolean {
  return admitsLength(gate, length) && admitsClasses(gate, classes);
}

export function admitsLength(gate: ShapeGate, length: number): boolean {
  return length >= gate.minLength && length <= gate.maxLength;
}

export function admitsClasses(gate: ShapeGate, classes: number): boolean {
  return (classes & gate.required) === gate.required && (classes & ~gate.allowed) === 0;
}

/** The union of the classes of `value`'s code units. */
export function characterClasses(value: string): number {
  let classes = 0;
  for (let i = 0; i < value.length; i++) {
    classes |= classOf(value.charCodeAt(i));
  }
  return classes;
}

/** The class of the code unit `c`. */
export function classOf(c: number): number {
  return c < 128 ? ASCII_CLASSES[c] : classOfNonAscii(c);
}

function classOfNonAscii(c: number): number {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return HAN;
  if (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
    return SPACE;
  // cn_name's separators but U+FF0E, a full-width '.' that detectors never see.
  if (c === 0xb7 || c === 0x2022 || c === 0x30fb) return MIDDLE_DOT;
  return c >= 0xff01 && c <= 0xff5e ? FULL_WIDTH : OTHER;
}

const ASCII_CLASSES: Uint16Array = (() => {
  const table = new Uint16Array(128).fill(OTHER_ASCII);
  for (let c = 48; c <= 57; c++) table[c] = DIGIT;
  for (let c = 65; c <= 90; c++) table[c] = LETTER;
  for (let c = 97; c <= 122; c++) table[c] = LETTER;
  table[88] = LETTER_X;
  table[120] = LETTER_X;
  for (const c of [9, 10, 11, 12, 13, 32]) table[c] = SPACE;
  table[45] = DASH;
  table[46] = DOT;
  table[64] = AT;
  table[58] = COLON;
  table[40] = PAREN;
  table[41] = PAREN;
  table[43] = PLUS;
  table[35] = HASH;
  return table;
})();

/**
 * hashString(value) (the interner's FNV-1a), also writing characterClasses(value) into
 * `classes[0]`: a value bound for matchMask has its characters read once for both (~20 ns less
 * per row of a near-unique column).
 */
export function hashValueAndClassify(value: string, classes: Int32Array): number {
  let hash = FNV_OFFSET;
  let union = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    hash = Math.imul(hash ^ c, FNV_PRIME);
    union |= classOf(c);
  }
  classes[0] = union;
  return hash;
}
