// Street addresses inside text: a house, building or room number after a street or estate, back to the region.
import { placeNameAt } from '../gazetteer.js';
import { isAsciiLetter, isClausePunctuation, isDigit, isHan } from './characters.js';
import type { ScanInput } from './span.js';

/** A membership table over code units: one load per test in loops that run per character. */
function charSet(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Last characters of the units a house or building number follows (路 100号, 小区 3栋, 楼 2单元). */
const BEFORE_NUMBER = charSet(
  '路街道巷弄里村区苑园庄屯城府湾厦寓场心院号栋幢楼层元座组镇乡期排坊居舍墅湖苑岛',
);
/** Units a number is followed by (100号, 3栋, 2单元, 501室, 5组). */
const AFTER_NUMBER = charSet('号栋幢楼层室单户座组弄排院门#');
/** Characters of the units right after a number that continue the address (单元, 号楼, 号院). */
const NUMBER_UNIT_PARTS = charSet('号栋幢楼层室单元户座组弄排院门期区');
/** Street-level units: an address needs one (a room number alone, 3楼2号, is not an address). */
const STREET_UNITS = [
  '路',
  '街',
  '道',
  '巷',
  '弄',
  '胡同',
  '小区',
  '花园',
  '公寓',
  '苑',
  '园',
  '里',
  '村',
  '庄',
  '大厦',
  '家园',
  '新村',
  '社区',
  '广场',
  '宿舍',
  '号院',
  '屯',
  '组',
  '栋',
  '幢',
  '单元',
  '公馆',
  '府',
  '湾',
  '城',
];
/** Characters where an address cannot continue to the left: verbs of living and moving, particles, time words. */
const LEFT_STOPS = charSet('住在于到至往从寄送址是为的了与及今昨搬迁位处者患电话码姓名他她我您你');
/** Longest stretch an address reaches left from its first number. */
const MAX_LEFT = 32;
const MAX_RIGHT = 24;

export function findAddressSpans(input: ScanInput): void {
  const { text, out } = input;
  let last: { kind: 'cn_address'; start: number; end: number } | undefined;
  // Every address number starts a digit run (scan.digitRuns).
  const runs = input.scan.digitRuns;
  for (let k = 0; k < runs.count; k++) {
    const i = runs.at[k];
    if (!isDigit(text.charCodeAt(i)) || (i > 0 && isDigit(text.charCodeAt(i - 1)))) continue;
    if (last !== undefined && i < last.end) continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    // Every address number follows a Han character (路100号, 小区3栋, 国际17栋).
    if (!isHan(before)) continue;
    const numberEnd = endOfNumber(text, i);
    if (numberEnd === i) continue;
    // After a street or estate unit, a house or building number (南京路100号, 小区3栋); after any
    // other Han character, a building or room number (保利香槟国际17栋516, 锦绣江南5-4-202).
    const afterStreet = BEFORE_NUMBER[before] === 1;
    const building = isBuildingNumber(text, i, numberEnd);
    if (!afterStreet && !building) continue;
    const end = extendRight(text, numberEnd);
    const reach = extendLeft(text, i);
    if (reach >= i) continue;
    // A street-level unit ending inside (reach, end]: read over that stretch only (at most
    // MAX_LEFT + MAX_RIGHT characters), not the whole text. A building-unit-room number needs
    // none (金地格林小镇22-4-805).
    if (!building && !endsStreetUnitWithin(text, reach, end)) continue;
    const start = startAtPlaceName(text, reach, i);
    // An estate and building right after a street address (…913号保利香槟国际17栋516) continue it.
    if (last !== undefined && start <= last.end) {
      last.end = end;
      continue;
    }
    last = { kind: 'cn_address', start, end };
    out.push(last);
  }
}

/**
 * True when the number at [at, numberEnd) is a building, unit or room number: followed by 栋, 幢,
 * 号楼, 单元, 座 or 室, or written building-unit-room (5-4-202).
 */
function isBuildingNumber(text: string, at: number, numberEnd: number): boolean {
  let dashes = 0;
  for (let i = at; i < numberEnd; i++) if (text.charCodeAt(i) === 45) dashes++;
  if (dashes >= 2) return true;
  const unit = text.charCodeAt(numberEnd - 1);
  if (unit === 0x680b || unit === 0x5e62 || unit === 0x5ea7 || unit === 0x5ba4) return true; // 栋 幢 座 室
  return text.startsWith('号楼', numberEnd - 1) || text.startsWith('单元', numberEnd - 1);
}

/**
 * End of the number at `at` when a unit follows it (100号, 3栋) or it is a building-unit-room
 * pattern (1-5-1202); `at` when neither.
 */
function endOfNumber(text: string, at: number): number {
  let end = at;
  let groups = 1;
  while (end < text.length && end - at < MAX_RIGHT) {
    const c = text.charCodeAt(end);
    if (isDigit(c)) end++;
    else if ((c === 45 || c === 0x2d) && isDigit(text.charCodeAt(end + 1))) {
      groups++;
      end++;
    } else break;
  }
  if (AFTER_NUMBER[text.charCodeAt(end)] === 1) return end + 1;
  return groups >= 2 ? end : at;
}

/** Continues over further building, unit and room numbers (…3栋2单元501室, …1-5-1202, A座). */
function extendRight(text: string, from: number): number {
  let end = from;
  let at = from;
  while (at < text.length && at - from < MAX_RIGHT) {
    const c = text.charCodeAt(at);
    if (
      isDigit(c) ||
      c === 45 ||
      c === 35 ||
      (isAsciiLetter(c) && !isAsciiLetter(text.charCodeAt(at + 1)))
    )
      at++;
    else if (NUMBER_UNIT_PARTS[c] === 1) {
      at++;
      end = at;
      continue;
    } else break;
    if (isDigit(c) && !isDigit(text.charCodeAt(at))) end = at;
  }
  // A trailing number without a unit (…小区1-5-1202) ends the address; a dangling '-' does not.
  while (end > from && (text.charCodeAt(end - 1) === 45 || text.charCodeAt(end - 1) === 35)) end--;
  return end;
}

/**
 * How far left the address whose first number is at `numberStart` can reach: over Han
 * characters, digits and letters until a clause ends or a stop character (住, 在, 寄往…).
 */
function extendLeft(text: string, numberStart: number): number {
  let start = numberStart;
  while (start > 0 && numberStart - start < MAX_LEFT) {
    const c = text.charCodeAt(start - 1);
    if (isClausePunctuation(c) || LEFT_STOPS[c] === 1) break;
    const spaceInside = c === 32 && isHan(text.charCodeAt(start - 2));
    if (!(isHan(c) || isDigit(c) || isAsciiLetter(c) || c === 45 || spaceInside)) break;
    start--;
  }
  while (start < numberStart && text.charCodeAt(start) === 32) start++;
  return start;
}

/**
 * Where the address starts within [reach, numberStart): at the leftmost GB/T 2260 place name in
 * that stretch when there is one (患者张伟天津市… → 天津市), else at `reach`.
 */
function startAtPlaceName(text: string, reach: number, numberStart: number): number {
  for (let at = reach; at < numberStart; at++) {
    const name = placeNameAt(text, at);
    // A short form without its administrative suffix (江南, 朝阳) is also a word inside an
    // estate's name (锦绣江南): it does not start the address.
    if (name !== '' && ADMINISTRATIVE_SUFFIX[name.charCodeAt(name.length - 1)] === 1) return at;
  }
  return reach;
}

/** Last characters of full administrative names (天津市, 和平区, 清苑县, 东闾乡). */
const ADMINISTRATIVE_SUFFIX = charSet('省市区县旗州盟镇乡');

/**
 * True when a street-level unit ends inside (reach, end]: a unit text[a, b) with reach < b <= end
 * (it may start before reach: 小区 with 区 at reach).
 */
function endsStreetUnitWithin(text: string, reach: number, end: number): boolean {
  for (let i = reach; i < end; i++) {
    const c = text.charCodeAt(i);
    if (ENDS_A_STREET_UNIT[c] === 0) continue;
    const units = STREET_UNITS_BY_LAST.get(c)!;
    for (const unit of units)
      if (unit.length === 1 || text.startsWith(unit, i + 1 - unit.length)) return true;
  }
  return false;
}

const STREET_UNITS_BY_LAST: ReadonlyMap<number, readonly string[]> = (() => {
  const map = new Map<number, string[]>();
  for (const unit of STREET_UNITS) {
    const last = unit.charCodeAt(unit.length - 1);
    map.set(last, [...(map.get(last) ?? []), unit]);
  }
  return map;
})();

/** 1 for the last character of a street-level unit: one load per character before the Map. */
const ENDS_A_STREET_UNIT = charSet(STREET_UNITS.map((unit) => unit[unit.length - 1]).join(''));
