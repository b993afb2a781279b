// Detector for fixed-line numbers: area code (010, 02x, 0xxx) then a 7–8 digit local number.
import type { Detector } from '../detector.js';
import { DASH, DIGIT, HAN, HASH, PAREN, PLUS, SPACE } from '../value-shape.js';

// Area code in parentheses or followed by an optional separator; local numbers never start with 0 or 1;
// an optional extension after `-`, `转` or `#`. Three-digit area codes (010, 02x) carry 8-digit locals.
const LANDLINE =
  /^(?:(?:\+86|0086)[\s-]?)?(?:\((?:010|02\d)\)\s?|(?:010|02\d)[\s-]?)[2-9]\d{7}(?:[-转#]\d{1,6})?$|^(?:(?:\+86|0086)[\s-]?)?(?:\(0[3-9]\d{2}\)\s?|0[3-9]\d{2}[\s-]?)[2-9]\d{6,7}(?:[-转#]\d{1,6})?$/;

export function isCnLandline(value: string): boolean {
  const length = value.length;
  if (length < 10 || length > 26) return false;
  const first = value.charCodeAt(0);
  // '0', '(' or '+' only: cheap rejection of everything else.
  if (first !== 48 && first !== 40 && first !== 43) return false;
  return LANDLINE.test(value);
}

export function landlineDetector(): Detector {
  return {
    kind: 'cn_landline',
    strength: 'weak',
    matches: isCnLandline,
    // LANDLINE's characters: digits, +, parentheses, \s and - separators, 转 or # before an extension.
    shape: {
      minLength: 10,
      maxLength: 26,
      required: DIGIT,
      allowed: DIGIT | SPACE | DASH | PAREN | PLUS | HASH | HAN,
    },
  };
}
