// Detector for personal names in Chinese: surname dictionary, 2–4 Han characters, minority names with ·.
import type { Detector } from '../detector.js';
import { surnameLength } from '../surnames.js';

/**
 * Characters that end or fill words which are not personal names but start with a surname
 * character: diseases (黄疸, 高血压), places (林芝市), organizations (华为公司), products.
 * A given name almost never uses them, so one of them rules the value out.
 */
const NOT_IN_NAMES: ReadonlySet<number> = new Set(
  Array.from(
    '病症炎癌瘤血压疸障痛疾伤折肺肝胃肾脏尿糖酸药剂液市省区县镇乡村路街巷道号楼室栋层院局厂店部处站馆所校场团限网络型款件盒袋箱瓶装税额价角期次个只台辆',
    (ch) => ch.charCodeAt(0),
  ),
);

const MIDDLE_DOTS = /[·•・．]/;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * True for a Han name: a known surname (compound surnames count 2) plus a 1–2 character given
 * name (2–4 characters in all), none of them a non-name character; or a minority name written
 * as 2–4 Han segments joined by a middle dot (阿卜杜拉·买买提), each 1–8 characters.
 */
export function isCnName(value: string): boolean {
  const length = value.length;
  if (length < 2 || length > 24) return false;
  if (length >= 4 && MIDDLE_DOTS.test(value)) {
    const parts = value.split(MIDDLE_DOTS);
    if (parts.length < 2 || parts.length > 4) return false;
    return parts.every((part) => {
      if (part.length < 1 || part.length > 8) return false;
      for (let i = 0; i < part.length; i++) if (!isHan(part.charCodeAt(i))) return false;
      return true;
    });
  }
  if (length > 4) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (!isHan(code) || NOT_IN_NAMES.has(code)) return false;
  }
  const surname = surnameLength(value);
  if (surname === 0) return false;
  const given = length - surname;
  return given >= 1 && given <= 2;
}

export function nameDetector(): Detector {
  return { kind: 'cn_name', strength: 'weak', matches: isCnName };
}
