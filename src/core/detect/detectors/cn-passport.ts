// Detector for PRC ordinary passport numbers: E or G + 8 digits, or E + a letter (not I/O) + 7 digits.
import type { Detector } from '../detector.js';
import { DIGIT, LETTER, LETTER_X, OTHER } from '../value-shape.js';

const PASSPORT = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})$/;

export function isCnPassport(value: string): boolean {
  return value.length === 9 && PASSPORT.test(value.toUpperCase());
}

export function passportDetector(): Detector {
  return {
    kind: 'cn_passport',
    strength: 'weak',
    matches: isCnPassport,
    // OTHER: toUpperCase turns some non-ASCII letters into ASCII ones (ſ → S).
    shape: {
      minLength: 9,
      maxLength: 9,
      required: DIGIT,
      allowed: DIGIT | LETTER | LETTER_X | OTHER,
    },
  };
}
