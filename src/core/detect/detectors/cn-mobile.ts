// Detector for mainland mobile numbers: optional +86/0086, separators, allocated 1[3-9]x segments.
import type { Detector } from '../detector.js';
import { reverseText } from '../reverse-text.js';
import { DASH, DIGIT, PAREN, PLUS, SPACE } from '../value-shape.js';

/**
 * Three-digit segments allocated by MIIT to mobile (and IoT-excluded) service, as of 2025:
 * 130–139, 145–149, 150–153, 155–159, 162, 165–167, 170–178, 180–189, 190–193, 195–199.
 */
const SEGMENTS: ReadonlySet<number> = new Set([
  130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 145, 146, 147, 148, 149, 150, 151, 152, 153,
  155, 156, 157, 158, 159, 162, 165, 166, 167, 170, 171, 172, 173, 174, 175, 176, 177, 178, 180,
  181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 195, 196, 197, 198, 199,
]);

/** True for 11 digits in an allocated segment, after removing a country prefix and separators. */
export function isCnMobile(value: string): boolean {
  let digits = value;
  if (value.length !== 11) {
    if (value.length < 11 || value.length > 20 || !hasMobileShape(value)) return false;
    digits = value.replace(/[\s\-()]/g, '');
    if (digits.startsWith('+86')) digits = digits.slice(3);
    else if (digits.startsWith('0086')) digits = digits.slice(4);
    else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
    if (digits.length !== 11) return false;
  }
  for (let i = 0; i < 11; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const segment =
    (digits.charCodeAt(0) - 48) * 100 +
    (digits.charCodeAt(1) - 48) * 10 +
    digits.charCodeAt(2) -
    48;
  return SEGMENTS.has(segment);
}

/**
 * Cheap test before any string is built: only digits and the separators `+ - ( )` or spaces, and
 * 11, 13 (86 + 11) or 15 (0086 + 11) digits in all.
 */
function hasMobileShape(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 32 && c !== 9 && c !== 45 && c !== 40 && c !== 41 && c !== 43) return false;
  }
  return digits === 11 || digits === 13 || digits === 15;
}

/** 11 digits that read backwards as a mobile number (87654321831). */
export function isReversedCnMobile(value: string): boolean {
  return value.length === 11 && isCnMobile(reverseText(value));
}

export function mobileDetector(): Detector {
  return {
    kind: 'cn_mobile',
    strength: 'strong',
    matches: isCnMobile,
    matchesDisguised: isReversedCnMobile,
    // 11 digits, or 12–20 characters of digits and the separators hasMobileShape allows.
    shape: {
      minLength: 11,
      maxLength: 20,
      required: DIGIT,
      allowed: DIGIT | SPACE | DASH | PAREN | PLUS,
    },
  };
}
