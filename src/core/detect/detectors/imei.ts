// Detector for IMEI device numbers: 15 digits, reporting-body prefix, Luhn.
import type { Detector } from '../detector.js';
import { DIGIT } from '../value-shape.js';
import { isValidImei } from '../validators/imei.js';

export function imeiDetector(): Detector {
  return {
    kind: 'imei',
    // Luhn passes 1 number in 10: a column is judged on its share.
    strength: 'weak',
    matches: isValidImei,
    shape: { minLength: 15, maxLength: 15, required: DIGIT, allowed: DIGIT },
  };
}
