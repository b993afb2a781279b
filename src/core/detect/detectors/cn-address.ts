// Detector for street addresses in Chinese: administrative units down to a street and a house number.
import type { Detector } from '../detector.js';
import { ANY_CHARACTER, classOf, DIGIT, HAN, SPACE } from '../value-shape.js';

/**
 * A street-level unit followed by a number: 友谊路20号, 张街3号, 3弄12号, 幸福小区5栋. The
 * expression the scan implements (hasStreetNumber) and the tests check it against.
 */
export const STREET_NUMBER =
  /(?:路|街|大街|大道|巷|弄|胡同|道|里|桥|村|组|屯|小区|花园|公寓|大厦|广场|中心|苑|庄|栋|旁)\s*\d+\s*(?:号|栋|幢|弄|组|室|楼|单元|号院)/;

/** Street units that are one character (大街, 大道 end in 街, 道, so they need no entry of their own). */
const STREET_UNITS = new Set(Array.from('路街巷弄道里桥村组屯苑庄栋旁', (ch) => ch.charCodeAt(0)));
/** Two-character street units by their last character: 胡同 小区 花园 公寓 大厦 广场 中心. */
const STREET_UNIT_PAIRS = new Map(
  ['胡同', '小区', '花园', '公寓', '大厦', '广场', '中心'].map((unit) => [
    unit.charCodeAt(1),
    unit.charCodeAt(0),
  ]),
);
/** Units after a house number (号院 starts with 号; 单元 is checked whole). */
const NUMBER_UNITS = new Set(Array.from('号栋幢弄组室楼', (ch) => ch.charCodeAt(0)));
const DAN = '单'.charCodeAt(0);
const YUAN = '元'.charCodeAt(0);

/**
 * STREET_NUMBER.test(value) without the regular expression (~60 ns less per address). A match
 * needs a run of digits with a street unit right before it and a number unit right after it,
 * spaces (\s) allowed between: the run is maximal, since a digit can neither end a unit nor be
 * a space, so each maximal run is checked once, its neighbours read past any spaces.
 */
function hasStreetNumber(value: string): boolean {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    if (!isDigit(value.charCodeAt(i))) continue;
    const start = i;
    while (i < length && isDigit(value.charCodeAt(i))) i++;
    let before = start - 1;
    while (before >= 0 && classOf(value.charCodeAt(before)) === SPACE) before--;
    let after = i;
    while (after < length && classOf(value.charCodeAt(after)) === SPACE) after++;
    if (before < 0 || after === length) continue;
    const unit = value.charCodeAt(before);
    const endsStreet =
      STREET_UNITS.has(unit) ||
      (before > 0 && STREET_UNIT_PAIRS.get(unit) === value.charCodeAt(before - 1));
    const next = value.charCodeAt(after);
    const startsNumber =
      NUMBER_UNITS.has(next) ||
      (next === DAN && after + 1 < length && value.charCodeAt(after + 1) === YUAN);
    if (endsStreet && startsNumber) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

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
  // A street number holds a digit and a Han unit; the other form needs its digit checked (ADMIN
  // matching is a Han character): the value has a digit and a Han character either way.
  if (hasStreetNumber(value)) return true;
  let hasDigit = false;
  for (let i = 0; i < length && !hasDigit; i++) hasDigit = isDigit(value.charCodeAt(i));
  if (!hasDigit) return false;
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
