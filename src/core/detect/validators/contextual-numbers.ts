// Shapes of the identifiers that are only recognisable with a label: QQ, WeChat, record and card numbers.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A QQ number: 5 to 11 digits, no leading zero (the first accounts were 5 digits; new ones 10–11). */
export function isQqNumberShape(value: string): boolean {
  const length = value.length;
  if (length < 5 || length > 11 || value.charCodeAt(0) === 48) return false;
  for (let i = 0; i < length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/**
 * A WeChat ID: 6–20 characters, a letter first, then letters, digits, `_` or `-` (the rule of
 * the WeChat client), or a legacy `wxid_` identifier.
 */
export function isWechatIdShape(value: string): boolean {
  const length = value.length;
  if (length < 6 || length > 25 || !isAsciiLetter(value.charCodeAt(0))) return false;
  if (length > 20 && !value.startsWith('wxid_')) return false;
  for (let i = 1; i < length; i++) {
    const c = value.charCodeAt(i);
    if (!isAsciiLetter(c) && !isDigit(c) && c !== 95 && c !== 45) return false;
  }
  return true;
}

/**
 * A hospital's record number (住院号, 病案号, 门诊号): 4–24 letters, digits and dashes with at
 * least 4 digits. Hospitals choose their own formats, so only the label tells one apart.
 */
export function isRecordNumberShape(value: string): boolean {
  return isCodeShape(value, 4, 24, 4);
}

/** A social security card number: 6–20 letters and digits with at least 6 digits (region formats vary). */
export function isSocialSecurityNumberShape(value: string): boolean {
  return isCodeShape(value, 6, 20, 6);
}

function isCodeShape(value: string, min: number, max: number, minDigits: number): boolean {
  const length = value.length;
  if (length < min || length > max) return false;
  let digits = 0;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (!isAsciiLetter(c) && c !== 45) return false;
  }
  return digits >= minDigits;
}
