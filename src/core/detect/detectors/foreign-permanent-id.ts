// Detector for foreigners' permanent residence ID cards (2023 form): 9, province, nationality, birth date, check.
import type { DetectContext, Detector } from '../detector.js';
import { DIGIT, LETTER_X } from '../value-shape.js';
import { isValidForeignPermanentId } from '../validators/foreign-permanent-id.js';

export function foreignPermanentIdDetector(context: DetectContext): Detector {
  return {
    kind: 'cn_foreign_permanent_id',
    strength: 'strong',
    matches: (value) => isValidForeignPermanentId(value, context.todayYmd),
    shape: { minLength: 18, maxLength: 18, required: DIGIT, allowed: DIGIT | LETTER_X },
  };
}
