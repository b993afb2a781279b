// IMEI (3GPP TS 23.003): 15 digits, a reporting-body prefix, the Luhn check digit.
import { isLuhnValid } from './luhn.js';

/**
 * Reporting bodies that allocate type allocation codes (the first two digits): PTCRB 01/10,
 * BABT 35 (and 33/44/45/49/50–54 of the older national bodies), TAF (China) 86, 91/98 India and
 * others, GHA 99. Requiring one keeps most 15-digit order numbers out: Luhn alone passes 1 in 10.
 */
const REPORTING_BODIES = new Set([
  1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99,
]);

/** True for 15 digits with a known reporting-body prefix and a valid Luhn check digit. */
export function isValidImei(value: string): boolean {
  if (value.length !== 15) return false;
  const prefix = (value.charCodeAt(0) - 48) * 10 + value.charCodeAt(1) - 48;
  return REPORTING_BODIES.has(prefix) && isLuhnValid(value);
}
