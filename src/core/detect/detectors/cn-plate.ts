// Detector for mainland vehicle plates (GA 36-2018): province abbreviation, issuing letter, 5 or 6 characters.
import type { Detector } from '../detector.js';
import { DIGIT, HAN, LETTER, LETTER_X, MIDDLE_DOT, OTHER, SPACE } from '../value-shape.js';

/** One-character abbreviations of the 31 mainland provincial units, as on plates. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Ordinary: 5 of [A-HJ-NP-Z0-9], optionally ending in 挂学警港澳领试超使; new energy (green plates):
// 6 characters, small cars D/F (also A–K on new issues) + 5 digits; large vehicles 5 digits + D/F.
const PLATE = new RegExp(
  `^[${PROVINCES}][A-HJ-NP-Z]\\s?(?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳领试超使]|[A-HJ-K][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[DF])$`,
);

export function isCnPlate(value: string): boolean {
  const length = value.length;
  if (length < 7 || length > 9) return false;
  return PLATE.test(value.toUpperCase().replace('·', ''));
}

export function plateDetector(): Detector {
  return {
    kind: 'cn_plate',
    strength: 'weak',
    matches: isCnPlate,
    // A Han province, letters and digits (OTHER: toUpperCase turns ſ into S), \s? and a · removed.
    shape: {
      minLength: 7,
      maxLength: 9,
      required: HAN,
      allowed: HAN | DIGIT | LETTER | LETTER_X | SPACE | MIDDLE_DOT | OTHER,
    },
  };
}
