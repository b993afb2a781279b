// Detector for Taiwan identity card numbers: a letter, nine digits, the last a weighted mod-10 check.
import type { Detector } from '../detector.js';
import { DIGIT, LETTER, LETTER_X } from '../value-shape.js';
import { isValidTwId } from '../validators/tw-id.js';

export function twIdDetector(): Detector {
  return {
    kind: 'tw_id',
    strength: 'strong',
    matches: isValidTwId,
    shape: { minLength: 10, maxLength: 10, required: DIGIT, allowed: DIGIT | LETTER | LETTER_X },
  };
}
