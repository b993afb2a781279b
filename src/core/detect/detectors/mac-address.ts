// Detector for MAC addresses: six hex pairs joined by ':' or '-', or three quads joined by '.'.
import type { Detector } from '../detector.js';
import { COLON, DASH, DIGIT, DOT, LETTER, LETTER_X } from '../value-shape.js';
import { isMacAddress } from '../validators/mac-address.js';

export function macAddressDetector(): Detector {
  return {
    kind: 'mac_address',
    strength: 'strong',
    matches: isMacAddress,
    // LETTER_X: never a hex digit, but a gate may admit more than the detector accepts.
    shape: {
      minLength: 14,
      maxLength: 17,
      required: 0,
      allowed: DIGIT | LETTER | LETTER_X | COLON | DASH | DOT,
    },
  };
}
