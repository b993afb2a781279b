// Taiwan identity card and resident certificate numbers: a letter, a sex/kind digit, seven digits, a check digit.

/** Two-digit values of the leading letter (the issuing region), A = 10 … in the standard's order. */
const LETTER_VALUES = [
  10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30,
  31, 33,
];

/**
 * True for `A123456789`: a letter, then 1 or 2 (citizens; 8 or 9 on the 2021 resident
 * certificates of foreigners), seven digits and a check digit such that the letter's tens × 1 +
 * its units × 9 + the digits × 8, 7, …, 1, 1 is a multiple of 10. Case-insensitive letter.
 */
export function isValidTwId(value: string): boolean {
  if (value.length !== 10) return false;
  let letter = value.charCodeAt(0);
  if (letter >= 97 && letter <= 122) letter -= 32;
  if (letter < 65 || letter > 90) return false;
  const second = value.charCodeAt(1);
  if (second !== 49 && second !== 50 && second !== 56 && second !== 57) return false;
  const code = LETTER_VALUES[letter - 65];
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 10; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += digit * (i === 9 ? 1 : 9 - i);
  }
  return sum % 10 === 0;
}
