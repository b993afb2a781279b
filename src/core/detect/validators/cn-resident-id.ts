// Resident identity card numbers (GB 11643-1999): ISO 7064 MOD 11-2 check, region prefix, birth date.
import { isKnownProvincePrefix } from '../../regions/index.js';
import { isRealDate } from './calendar-date.js';

/** Weights of positions 1..17 (2^(18-i) mod 11). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
];

const CHECK_CHARACTERS = '10X98765432';

/** The check character for 17 digits: `10X98765432`[Σ d_i·w_i mod 11]; undefined if not 17 digits. */
export function computeResidentIdCheck(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = first17.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    sum += digit * RESIDENT_ID_WEIGHTS[i];
  }
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * True for a valid 18-character number: 17 digits + check character (`X` or `x`), a known
 * GB/T 2260 province prefix, a real birth date from 1900 up to `todayYmd`, and the right check.
 * A random 18-digit string passes the checksum 1 time in 11, so all three checks are applied.
 * Also accepts the legacy 15-digit form (born 19yy, no check digit) with prefix and date checks.
 * Reads the digits arithmetically and builds no string: it runs on every 15–18 character value
 * a detection scan meets.
 */
export function isValidResidentId(value: string, todayYmd: number): boolean {
  const length = value.length;
  if (length === 18) {
    let sum = 0;
    let ymd = 0;
    for (let i = 0; i < 17; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      sum += digit * RESIDENT_ID_WEIGHTS[i];
      if (i >= 6 && i < 14) ymd = ymd * 10 + digit;
    }
    if (!isProvincePrefix(value)) return false;
    const year = Math.floor(ymd / 10000);
    if (year < 1900 || ymd > todayYmd) return false;
    if (!isRealDate(year, Math.floor(ymd / 100) % 100, ymd % 100)) return false;
    const check = value.charCodeAt(17);
    return CHECK_CHARACTERS.charCodeAt(sum % 11) === (check === 120 ? 88 : check); // x → X
  }
  if (length === 15) {
    let yymmdd = 0;
    for (let i = 0; i < 15; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      if (i >= 6 && i < 12) yymmdd = yymmdd * 10 + digit;
    }
    if (!isProvincePrefix(value)) return false;
    const year = 1900 + Math.floor(yymmdd / 10000);
    return isRealDate(year, Math.floor(yymmdd / 100) % 100, yymmdd % 100);
  }
  return false;
}

/** Known two-digit province prefixes as a table indexed by number (built once from core/regions). */
let provincePrefixes: Uint8Array | undefined;

/** Requires the first two characters of `value` to be digits. */
function isProvincePrefix(value: string): boolean {
  provincePrefixes ??= Uint8Array.from({ length: 100 }, (_, prefix) =>
    prefix >= 10 && isKnownProvincePrefix(String(prefix)) ? 1 : 0,
  );
  return provincePrefixes[(value.charCodeAt(0) - 48) * 10 + value.charCodeAt(1) - 48] === 1;
}

/** Birth date (year, month, day) and sex of a valid 15- or 18-character number; sex from the sequence digit. */
export function parseResidentId(value: string): {
  regionCode: string;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  sex: 'male' | 'female';
} {
  const long = value.length === 18;
  const birthYear = long ? Number(value.slice(6, 10)) : 1900 + Number(value.slice(6, 8));
  const offset = long ? 10 : 8;
  // 17th character (15th in the legacy form): odd for men, even for women.
  const sequence = value.charCodeAt(long ? 16 : 14) - 48;
  return {
    regionCode: value.slice(0, 6),
    birthYear,
    birthMonth: Number(value.slice(offset, offset + 2)),
    birthDay: Number(value.slice(offset + 2, offset + 4)),
    sex: sequence % 2 === 1 ? 'male' : 'female',
  };
}
