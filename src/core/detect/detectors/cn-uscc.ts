// Detector for unified social credit codes (统一社会信用代码, GB 32100): wraps the validator.
import type { Detector } from '../detector.js';
import { DIGIT, LETTER, LETTER_X } from '../value-shape.js';
import { isPlausibleUscc } from '../spans/token-spans.js';

export function usccDetector(): Detector {
  return {
    kind: 'cn_uscc',
    strength: 'strong',
    // 18 characters of digits and letters (either case), digits in positions 3–8.
    shape: { minLength: 18, maxLength: 18, required: DIGIT, allowed: DIGIT | LETTER | LETTER_X },
    // The check character passes 1 code in 31: the authority, category and region must fit too.
    matches: (value) => value.length === 18 && isPlausibleUscc(value),
  };
}
