// Foreigner's permanent residence ID cards, 2023 form: 18 characters starting with 9, resident-ID check.
import { isKnownProvincePrefix } from '../../regions/index.js';
import { isRealDate } from './calendar-date.js';
import { computeResidentIdCheck } from './cn-resident-id.js';

/**
 * True for the 2023 number (外国人永久居留身份证): `9`, the two-digit province code of the
 * issuing office, a three-digit nationality code (ISO 3166-1 numeric), the birth date YYYYMMDD,
 * a three-digit sequence and the ISO 7064 MOD 11-2 check character of resident IDs. Resident
 * IDs never start with 9, so the two kinds do not overlap.
 */
export function isValidForeignPermanentId(value: string, todayYmd: number): boolean {
  if (value.length !== 18 || value.charCodeAt(0) !== 57) return false;
  if (!isKnownProvincePrefix(value.slice(1, 3))) return false;
  const nationality = Number(value.slice(3, 6));
  if (!(nationality >= 4 && nationality <= 894)) return false;
  const ymd = Number(value.slice(6, 14));
  const year = Math.floor(ymd / 10000);
  if (!(year >= 1900 && ymd <= todayYmd)) return false;
  if (!isRealDate(year, Math.floor(ymd / 100) % 100, ymd % 100)) return false;
  const check = computeResidentIdCheck(value.slice(0, 17));
  return check !== undefined && check === value[17].toUpperCase();
}
