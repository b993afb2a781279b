// Macau resident identity card numbers (BIR): first digit 1, 5 or 7, six digits, a digit in parentheses.

/**
 * True for `1234567(8)`, `5/123456/7` or `12345678` shapes whose first digit is 1, 5 or 7 (the
 * kinds of residence the Identification Bureau issues). No check algorithm is published, so
 * this is a format test: a column or a sentence needs context (澳门身份证, BIR) or the
 * parenthesised form before it is counted.
 */
export function isMacauIdShape(value: string): boolean {
  const length = value.length;
  const first = value.charCodeAt(0);
  if (first !== 49 && first !== 53 && first !== 55) return false;
  if (length === 10 && value[1] === '/' && value[8] === '/')
    return allDigits(value, 2, 8) && allDigits(value, 9, 10);
  if (length === 10 && value[7] === '(' && value[9] === ')')
    return allDigits(value, 1, 7) && allDigits(value, 8, 9);
  return length === 8 && allDigits(value, 1, 8);
}

/** True for the parenthesised or slashed forms, which ordinary numbers never take. */
export function isMacauIdDistinctive(value: string): boolean {
  return value.length === 10 && isMacauIdShape(value);
}

function allDigits(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
