// Mainland Travel Permits for Hong Kong and Macau residents (回乡证): H or M, then 8 digits (10 on cards before 2013).

/**
 * True for `H12345678`, `M87654321` or the older `H1234567801` (8 digits and a two-digit issue
 * count). The number carries no check digit, so outside a column named for it or a sentence
 * that says 回乡证/通行证 a match is weak evidence.
 */
export function isHkMacauPermitShape(value: string): boolean {
  const length = value.length;
  if (length !== 9 && length !== 11) return false;
  const first = value.charCodeAt(0) & ~32; // upper case
  if (first !== 72 && first !== 77) return false;
  for (let i = 1; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
