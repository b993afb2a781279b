// Detector for payment card numbers: 16–19 digits (spaces or dashes allowed), issuer digit 3–6, Luhn.
import type { Detector } from '../detector.js';
import { reverseText } from '../reverse-text.js';
import { DASH, DIGIT, SPACE } from '../value-shape.js';
import { isLuhnValid } from '../validators/luhn.js';

/**
 * The first digit (ISO/IEC 7812 major industry identifier) of cards issued in China is 3 (JCB,
 * Amex), 4 (Visa), 5 (Mastercard) or 6 (UnionPay 62…); requiring it keeps most order numbers out,
 * since Luhn alone passes 1 random number in 10.
 */
export function isBankCard(value: string): boolean {
  const length = value.length;
  if (length < 16 || length > 23) return false;
  const leading = value.charCodeAt(0);
  if (leading < 51 || leading > 54) return false; // before any allocation: see the issuer digit below
  const digits = length > 19 ? value.replace(/[\s-]/g, '') : value;
  if (digits.length < 16 || digits.length > 19) return false;
  const first = digits.charCodeAt(0);
  if (first < 51 || first > 54) return false;
  return isLuhnValid(digits);
}

/**
 * A UnionPay card number written backwards (…9484 8226 for 6228 48…): its reversal starts with 62
 * and passes Luhn. Only UnionPay's 62, so that 1 random number in 1,000 reads so, not 1 in 25
 * (a column of order numbers must not reach the 5 % at which a weak kind is listed).
 */
export function isReversedUnionPayCard(value: string): boolean {
  const length = value.length;
  if (length < 16 || length > 23 || value.charCodeAt(length - 1) !== 54) return false; // …26
  const reversed = reverseText(value);
  return reversed.startsWith('62') && isBankCard(reversed);
}

export function bankCardDetector(): Detector {
  return {
    kind: 'bank_card',
    strength: 'weak',
    matches: isBankCard,
    matchesDisguised: isReversedUnionPayCard,
    // Digits, with \s or - separators when longer than 19.
    shape: { minLength: 16, maxLength: 23, required: DIGIT, allowed: DIGIT | SPACE | DASH },
  };
}
