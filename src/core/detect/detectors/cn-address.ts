// Detector for street addresses in Chinese: administrative units down to a street and a house number.
import type { Detector } from '../detector.js';
import { ANY_CHARACTER, DIGIT, HAN } from '../value-shape.js';

/** A street-level unit followed by a number: 友谊路20号, 张街3号, 3弄12号, 幸福小区5栋. */
const STREET_NUMBER =
  /(?:路|街|大街|大道|巷|弄|胡同|道|里|桥|村|组|屯|小区|花园|公寓|大厦|广场|中心|苑|庄|栋|旁)\s*\d+\s*(?:号|栋|幢|弄|组|室|楼|单元|号院)/;

/** Administrative units from province to township. */
const ADMIN = /(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗|镇|乡|街道)/;

/** Street-level units that, after an administrative unit, make a place precise enough to find a home. */
const STREET = /(?:路|街|大街|大道|巷|弄|胡同|村|社区|小区|花园|公寓|大厦|单元|室)/;

/**
 * True when the value locates a dwelling: a street unit with a house number (友谊路20号), or an
 * administrative unit followed by a street unit and a digit (河西区梅江花园3栋). Region names on
 * their own (天津市河西区) are quasi-identifiers, not addresses, and do not match.
 */
export function isCnAddress(value: string): boolean {
  const length = value.length;
  if (length < 4 || length > 120) return false;
  let hasDigit = false;
  let hasHan = false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) hasDigit = true;
    else if (c >= 0x4e00 && c <= 0x9fff) hasHan = true;
    if (hasDigit && hasHan) break;
  }
  if (!hasDigit || !hasHan) return false;
  if (STREET_NUMBER.test(value)) return true;
  const admin = ADMIN.exec(value);
  return admin !== null && STREET.test(value.slice(admin.index + admin[0].length));
}

export function addressDetector(): Detector {
  return {
    kind: 'cn_address',
    strength: 'weak',
    matches: isCnAddress,
    shape: { minLength: 4, maxLength: 120, required: DIGIT | HAN, allowed: ANY_CHARACTER },
  };
}
