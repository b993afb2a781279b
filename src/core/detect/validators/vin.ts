// Vehicle identification numbers (ISO 3779; GB 16735 keeps the North American check digit at position 9).

const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** The check character (`0`–`9` or `X`) of a 17-character VIN, or undefined if a character is invalid (I, O, Q). */
export function computeVinCheck(vin: string): string | undefined {
  if (vin.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = vin[i];
    const code = ch.charCodeAt(0);
    const value = code >= 48 && code <= 57 ? code - 48 : TRANSLITERATION[ch];
    if (value === undefined) return undefined;
    sum += value * WEIGHTS[i];
  }
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}

/** True when `vin` is 17 characters of the VIN alphabet with a matching check digit at position 9. */
export function isValidVin(vin: string): boolean {
  return computeVinCheck(vin) === vin[8];
}
