// Detector for GPS positions: a latitude/longitude pair in China with 4+ decimals, or one such number.
import type { Detector } from '../detector.js';
import { DASH, DIGIT, DOT, OTHER, OTHER_ASCII, PLUS, SPACE } from '../value-shape.js';
import { isCoordinatePairText, parsePreciseDegrees } from '../validators/gps-coordinate.js';

/**
 * True for `39.90421,116.40739` (either order, inside China) or a single latitude or longitude
 * with at least 4 decimals: a column of single numbers is only counted when its header names
 * the kind (the detector is contextual), since measurements also carry 4 decimals.
 */
export function isGpsCoordinate(value: string): boolean {
  if (isCoordinatePairText(value)) return true;
  const degrees = parsePreciseDegrees(value);
  return Math.abs(degrees) <= 180;
}

export function gpsCoordinateDetector(): Detector {
  return {
    kind: 'gps_coordinate',
    strength: 'contextual',
    matches: isGpsCoordinate,
    // Digits, dots, signs, a comma (OTHER_ASCII; ， is OTHER) and spaces between a pair.
    shape: {
      minLength: 6,
      maxLength: 48,
      required: DIGIT | DOT,
      allowed: DIGIT | DOT | DASH | PLUS | SPACE | OTHER_ASCII | OTHER,
    },
  };
}
