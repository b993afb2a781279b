// Derives coarse attributes from a resident ID number (birth year, age band, sex, province, city).
import { parseResidentId } from '../../detect/validators/cn-resident-id.js';
import { lookupRegion } from '../../regions/index.js';
import type { DeriveField } from '../policy.js';

/** The value written for an ID that is not valid: the attribute is unknown, never guessed. */
export const UNKNOWN = '*';

/**
 * The derived attribute of a valid ID (`isValidResidentId` checked by the caller).
 * birth_year `1985`; birth_decade `1980s`; age_band `30-39` (width from the policy) at
 * `referenceYear`; sex `男`/`女` from the parity of the 17th digit (GB 11643 §5.3);
 * province/city names from the GB/T 2260 prefix (`天津市`), `*` when the prefix is not in the tables.
 */
export function deriveFromResidentId(
  id: string,
  field: DeriveField,
  ageBandWidth: number,
  referenceYear: number | undefined,
): string {
  const parsed = parseResidentId(id);
  switch (field) {
    case 'birth_year':
      return String(parsed.birthYear);
    case 'birth_decade':
      return `${Math.floor(parsed.birthYear / 10) * 10}s`;
    case 'age_band': {
      if (referenceYear === undefined) return UNKNOWN;
      const age = referenceYear - parsed.birthYear;
      const lo = Math.floor(age / ageBandWidth) * ageBandWidth;
      return `${lo}-${lo + ageBandWidth - 1}`;
    }
    case 'sex':
      return parsed.sex === 'male' ? '男' : '女';
    case 'province':
      return lookupRegion(parsed.regionCode.slice(0, 2))?.province.zh ?? UNKNOWN;
    case 'city': {
      const region = lookupRegion(parsed.regionCode.slice(0, 4));
      return region?.city?.zh ?? region?.province.zh ?? UNKNOWN;
    }
  }
}
