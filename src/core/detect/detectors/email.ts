// Detector for e-mail addresses (RFC 5321 dot-atom local part, a dotted domain with a letter TLD).
import type { Detector } from '../detector.js';
import { AT, DASH, DIGIT, DOT, HASH, LETTER, LETTER_X, OTHER_ASCII, PLUS } from '../value-shape.js';

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isEmail(value: string): boolean {
  if (value.length < 6 || value.length > 254) return false;
  const at = value.indexOf('@');
  return at > 0 && at <= 64 && EMAIL.test(value);
}

export function emailDetector(): Detector {
  return {
    kind: 'email',
    strength: 'strong',
    matches: isEmail,
    // EMAIL's characters are ASCII letters, digits and punctuation; an @ and a dotted domain.
    shape: {
      minLength: 6,
      maxLength: 254,
      required: AT | DOT,
      allowed: DIGIT | LETTER | LETTER_X | DASH | DOT | AT | PLUS | HASH | OTHER_ASCII,
    },
  };
}
