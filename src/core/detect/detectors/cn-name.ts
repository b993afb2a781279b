// Detector for personal names in Chinese: surname dictionary, 2–4 Han characters, minority names with ·.
import type { Detector } from '../detector.js';
import { DRUG_CHARACTERS, MEDICAL_WORDS } from '../medical-terms.js';
import { isPinyinName } from '../pinyin-names.js';
import { surnameLength } from '../surnames.js';
import { DASH, HAN, LETTER, LETTER_X, MIDDLE_DOT, OTHER_ASCII, SPACE } from '../value-shape.js';

/**
 * Characters that end or fill words which are not personal names but start with a surname
 * character: diseases (黄疸, 高血压), places (林芝市), organizations (华为公司), products.
 * A given name almost never uses them, so one of them in the given name rules the value out.
 * (Checked in the given name only: 路 is also a surname, 路遥 a name. 栋 is not listed: 国栋 is
 * one of the commonest given names.)
 */
export const NOT_IN_GIVEN_NAMES =
  '病症炎癌瘤血压疸障痛疾伤折肺肝胃肾脏尿糖酸药剂液市省区县镇乡村路街巷道号楼室层院局厂店部处站馆所校场团限网络型款件盒袋箱瓶装税额价角期次个只台辆';

/**
 * Characters that end ordinary category words but may stand inside a given name: hospital
 * departments (皮肤科, 全科), shop categories (家居, 家电, 家具, 家纺), goods, fees and
 * cards (礼品, 运费, 会员卡); they rule a value out only as its last character (白居易 stays a name).
 */
export const NOT_AT_END_OF_NAMES = '科居电具纺类品费卡券险器机鞋货库柜厨妆饰材素';

/**
 * Whole values that look like a surname plus a given name but are payment methods, brands and
 * common category words seen in order, billing and hospital exports. Their last character is a
 * plausible name ending (宝 in 温家宝, 为 in 张为), so only the exact word is excluded.
 */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  '支付宝',
  '余额宝',
  '易宝',
  '花呗',
  '借呗',
  '白条',
  '云闪付',
  '钱包',
  '华为',
  '荣耀',
  '安踏',
  '乐视',
  '万科',
  '苏宁',
  '平安',
  '国美',
  '康复',
  '黄金',
  '白银',
  '金融',
  '高端',
  '常规',
  '通用',
  '全新',
  '包邮',
]);

/**
 * The lists above as flags per UTF-16 code unit (all are in the BMP): one load per character
 * where a Set lookup cost ~10 ns, on every value of a name column in a full scan.
 */
const NOT_IN_GIVEN_NAME = 1;
const NOT_AT_END_OF_NAME = 2;
const STARTS_A_NOT_NAME = 4;
const CHARACTER_FLAGS: Uint8Array = (() => {
  const flags = new Uint8Array(0x10000);
  for (const ch of NOT_IN_GIVEN_NAMES + DRUG_CHARACTERS)
    flags[ch.charCodeAt(0)] |= NOT_IN_GIVEN_NAME;
  for (const ch of NOT_AT_END_OF_NAMES) flags[ch.charCodeAt(0)] |= NOT_AT_END_OF_NAME;
  for (const word of [...NOT_NAMES, ...MEDICAL_WORDS])
    flags[word.charCodeAt(0)] |= STARTS_A_NOT_NAME;
  return flags;
})();

const MIDDLE_DOTS = /[·•・．]/;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * True for a Han name: a known surname (compound surnames count 2) plus a 1–2 character given
 * name (2–4 characters in all), with no character of a non-name word or a drug name in the given
 * name, not ending like a category word and not a known non-name word (支付宝, 华为, 华法林,
 * 柴胡); or a minority name written as 2–4 Han segments joined by a middle dot (阿卜杜拉·买买提),
 * each 1–8 characters; or such a Han name with a middle dot (张·伟) or spaces (龚 艳) between its
 * characters; or a
 * romanized name (Zhang Wei, ZHANG Wei, Wei Zhang).
 */
export function isCnName(value: string): boolean {
  const length = value.length;
  if (length < 2 || length > 24) return false;
  const first = value.charCodeAt(0);
  // A romanized name has two or three words: no space or comma, no name (and no split to pay for).
  if (!isHan(first))
    return first < 128 && (value.includes(' ') || value.includes(',')) && isPinyinName(value);
  if (value.indexOf(' ') > 0) return isSpacedHanName(value);
  if (MIDDLE_DOTS.test(value)) return isMinorityName(value) || isDottedHanName(value);
  if (length > 4) return false;
  for (let i = 0; i < length; i++) if (!isHan(value.charCodeAt(i))) return false;
  const surname = surnameLength(value);
  if (surname === 0) return false;
  const given = length - surname;
  if (given < 1 || given > 2) return false;
  for (let i = surname; i < length; i++)
    if ((CHARACTER_FLAGS[value.charCodeAt(i)] & NOT_IN_GIVEN_NAME) !== 0) return false;
  if ((CHARACTER_FLAGS[value.charCodeAt(length - 1)] & NOT_AT_END_OF_NAME) !== 0) return false;
  return (
    (CHARACTER_FLAGS[value.charCodeAt(0)] & STARTS_A_NOT_NAME) === 0 ||
    !(NOT_NAMES.has(value) || MEDICAL_WORDS.has(value))
  );
}

/** 阿卜杜拉·买买提: 2–4 Han segments of 1–8 characters joined by middle dots (4 characters at least). */
function isMinorityName(value: string): boolean {
  if (value.length < 4) return false;
  const parts = value.split(MIDDLE_DOTS);
  if (parts.length < 2 || parts.length > 4) return false;
  return parts.every((part) => {
    if (part.length < 1 || part.length > 8) return false;
    for (let i = 0; i < part.length; i++) if (!isHan(part.charCodeAt(i))) return false;
    return true;
  });
}

/** 张·伟, 欧阳•修文: a Han name with one middle dot put inside it (a name once the dot is gone). */
function isDottedHanName(value: string): boolean {
  if (value.length > 5) return false;
  const parts = value.split(MIDDLE_DOTS);
  return (
    parts.length === 2 && parts[0].length > 0 && parts[1].length > 0 && isCnName(parts.join(''))
  );
}

/** 龚 艳, 欧阳 修: 2–4 Han characters with single spaces between some of them, and a name once joined. */
function isSpacedHanName(value: string): boolean {
  if (value.length > 7) return false;
  let joined = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === value.length - 1 || value.charCodeAt(i - 1) === 32) return false;
    } else if (isHan(c)) joined += value[i];
    else return false;
  }
  return joined.length >= 2 && joined.length <= 4 && isCnName(joined);
}

export function nameDetector(): Detector {
  return {
    kind: 'cn_name',
    strength: 'weak',
    matches: isCnName,
    // Han names with middle dots or spaces; romanized names: letters, spaces, '-' and ','.
    shape: {
      minLength: 2,
      maxLength: 24,
      required: 0,
      allowed: HAN | MIDDLE_DOT | SPACE | LETTER | LETTER_X | DASH | OTHER_ASCII,
    },
  };
}
