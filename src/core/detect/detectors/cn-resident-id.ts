// Detector for resident identity card numbers (居民身份证号码), 18-character and legacy 15-digit.
import type { DetectContext, Detector } from '../detector.js';
import { DASH, DIGIT, LETTER_X, SPACE } from '../value-shape.js';
import { isValidResidentId } from '../validators/cn-resident-id.js';

export function residentIdDetector(context: DetectContext): Detector {
  return {
    kind: 'cn_resident_id',
    strength: 'strong',
    // 15 or 18 characters once spaces and dashes are removed (any number of them): digits and X.
    shape: {
      minLength: 15,
      maxLength: Infinity,
      required: DIGIT,
      allowed: DIGIT | LETTER_X | SPACE | DASH,
    },
    // Spaces are how people write them on forms (`110105 19491231 002X`); strip before checking.
    matches: (value) => {
      const length = value.length;
      if (length !== 15 && length !== 18 && length < 17) return false;
      // Every valid number starts with a province digit 1–8: rejects addresses and codes unallocated.
      const first = value.charCodeAt(0);
      if (first < 49 || first > 56) return false;
      const compact = length > 18 ? value.replace(/[\s-]/g, '') : value;
      return isValidResidentId(compact, context.todayYmd);
    },
  };
}
