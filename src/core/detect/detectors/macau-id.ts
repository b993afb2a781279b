// Detector for Macau identity card numbers: 1, 5 or 7 then seven digits, often written 1234567(8).
import type { Detector } from '../detector.js';
import { DIGIT, OTHER_ASCII, PAREN } from '../value-shape.js';
import { isMacauIdShape } from '../validators/macau-id.js';

export function macauIdDetector(): Detector {
  return {
    kind: 'macau_id',
    // No published check digit: bare eight-digit values need the header to name the kind.
    strength: 'contextual',
    matches: isMacauIdShape,
    // 8 digits, or 10 characters with parentheses or slashes (OTHER_ASCII).
    shape: { minLength: 8, maxLength: 10, required: DIGIT, allowed: DIGIT | PAREN | OTHER_ASCII },
  };
}
