// Detector for Mainland Travel Permits for Hong Kong and Macau residents (回乡证): H/M and 8 or 10 digits.
import type { Detector } from '../detector.js';
import { DIGIT, LETTER } from '../value-shape.js';
import { isHkMacauPermitShape } from '../validators/hk-macau-permit.js';

export function hkMacauPermitDetector(): Detector {
  return {
    kind: 'hk_macau_permit',
    // No check digit, and H/M + 8 digits is also a common shape for internal codes.
    strength: 'contextual',
    matches: isHkMacauPermitShape,
    shape: { minLength: 9, maxLength: 11, required: DIGIT | LETTER, allowed: DIGIT | LETTER },
  };
}
