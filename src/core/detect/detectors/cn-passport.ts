// Detector for PRC ordinary passport numbers: E or G + 8 digits, or E + a letter (not I/O) + 7 digits.
import type { Detector } from '../detector.js';

const PASSPORT = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})$/;

export function isCnPassport(value: string): boolean {
  return value.length === 9 && PASSPORT.test(value.toUpperCase());
}

export function passportDetector(): Detector {
  return { kind: 'cn_passport', strength: 'weak', matches: isCnPassport };
}
