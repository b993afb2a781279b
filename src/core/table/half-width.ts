// Full-width to half-width folding for validation only (Ｘ１２３ → X123); stored values are never changed.

/**
 * Folds full-width ASCII variants (U+FF01–U+FF5E) to ASCII and the ideographic space (U+3000)
 * to a space. Chinese input methods emit these in ID numbers and phone numbers, and a validator
 * that ignored them would let `１１０１…` slip past the gate.
 */
export function toHalfWidth(value: string): string {
  let index = 0;
  const length = value.length;
  // Fast path: most values have no full-width character at all.
  while (index < length) {
    const code = value.charCodeAt(index);
    if ((code >= 0xff01 && code <= 0xff5e) || code === 0x3000) break;
    index++;
  }
  if (index === length) return value;
  let out = value.slice(0, index);
  for (; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += value[index];
  }
  return out;
}
