// Detector for Hong Kong identity card numbers: letters, six digits, check character (mod 11).
import type { Detector } from '../detector.js';
import { DIGIT, LETTER, LETTER_X, PAREN } from '../value-shape.js';
import { isValidHkId } from '../validators/hk-id.js';

export function hkIdDetector(): Detector {
  return {
    kind: 'hk_id',
    strength: 'strong',
    matches: isValidHkId,
    // D6724109 (8) to AB987654(3) (11): letters, digits, the check character in parentheses.
    shape: {
      minLength: 8,
      maxLength: 11,
      required: DIGIT,
      allowed: DIGIT | LETTER | LETTER_X | PAREN,
    },
  };
}
