// Hong Kong identity card numbers: one or two letters, six digits, a check character (0–9 or A) mod 11.

/** Value of a letter in the check sum: A = 10 … Z = 35; a missing first letter counts as 36 (a space). */
function letterValue(c: number): number {
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/**
 * The check character for a prefix of one or two letters and six digits (`D672410` → `9`):
 * Σ value × weight with weights 9…2 over a two-letter prefix (a one-letter prefix gets 36 × 9
 * first), then 11 − sum mod 11, where 10 is written `A` and 11 is `0`. Undefined when the
 * prefix is not of that form.
 */
export function computeHkIdCheck(prefix: string): string | undefined {
  const letters = prefix.length - 6;
  if (letters < 1 || letters > 2) return undefined;
  let sum = letters === 1 ? 36 * 9 : 0;
  let weight = letters === 1 ? 8 : 9;
  for (let i = 0; i < prefix.length; i++, weight--) {
    const c = prefix.charCodeAt(i);
    const value = i < letters ? letterValue(c) : c >= 48 && c <= 57 ? c - 48 : -1;
    if (value < 0) return undefined;
    sum += value * weight;
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'A' : String(check);
}

/**
 * True for `D672410(9)`, `D6724109`, `AB987654(3)` (letters in either case): one or two letters,
 * six digits, and the right check character, in parentheses or not.
 */
export function isValidHkId(value: string): boolean {
  let body = value;
  const length = value.length;
  if (length >= 10 && value.charCodeAt(length - 1) === 41 && value.charCodeAt(length - 3) === 40)
    body = value.slice(0, length - 3) + value[length - 2];
  if (body.length < 8 || body.length > 9) return false;
  const check = computeHkIdCheck(body.slice(0, -1));
  return check !== undefined && check === body[body.length - 1].toUpperCase();
}
