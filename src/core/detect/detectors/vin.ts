// Detector for vehicle identification numbers (17 characters, check digit at position 9).
import type { Detector } from '../detector.js';
import { DIGIT, LETTER, LETTER_X, OTHER } from '../value-shape.js';
import { isValidVin } from '../validators/vin.js';

export function isVin(value: string): boolean {
  if (value.length !== 17) return false;
  const upper = value.toUpperCase();
  // A real VIN starts with a world manufacturer identifier holding letters; 17 digits are an order number.
  if (!/[A-Z]/.test(upper.slice(0, 3))) return false;
  return isValidVin(upper);
}

export function vinDetector(): Detector {
  return {
    kind: 'vin',
    strength: 'strong',
    matches: isVin,
    // Letters and digits after toUpperCase (OTHER: ſ becomes S).
    shape: {
      minLength: 17,
      maxLength: 17,
      required: 0,
      allowed: DIGIT | LETTER | LETTER_X | OTHER,
    },
  };
}
