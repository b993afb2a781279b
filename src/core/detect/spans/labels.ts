// Label words that name the identifier written after them (QQ：, 住院号, 微信, 身份证:, Tel:).
import type { IdentifierKind } from '../kinds.js';

/** A label and the kind of the value that follows it. */
export interface Label {
  readonly word: string;
  readonly kind: IdentifierKind;
  /**
   * The label counts only with a colon right after it: a word too short or too common to name
   * a value on its own (v：zhang_wei88, 微：zhang_wei88; not v3.2.1 or 微量).
   */
  readonly colon?: boolean;
}

function labels(kind: IdentifierKind, words: readonly string[]): Label[] {
  return words.map((word) => ({ word, kind }));
}

function colonLabels(kind: IdentifierKind, words: readonly string[]): Label[] {
  return words.map((word) => ({ word, kind, colon: true }));
}

/**
 * Labels, longest first within a kind so 住院号码 wins over 住院号. ASCII labels match in any
 * case and only as a whole word.
 */
export const LABELS: readonly Label[] = [
  ...labels('qq_number', ['QQ号码', 'QQ号', 'QQ', '扣扣号', '扣扣', '企鹅号']),
  ...labels('wechat_id', ['微信号', '微信', 'WeChat', 'weixin', 'wxid', 'wx', 'vx', 'V信', '威信', '薇信', '徽信']),
  ...colonLabels('wechat_id', ['v', '微']),
  ...labels('medical_record_no', [
    '住院号码', '住院号', '病案号', '病历号', '门诊号', '就诊号', '就诊卡号', '诊疗卡号', '登记号',
    '病人ID', '患者ID', '病人编号', '患者编号', 'MRN', '住院流水号',
  ]),
  ...labels('social_security_no', [
    '社会保障卡号', '社会保障号码', '社会保障号', '社保卡号', '社保号', '社保卡', '医保卡号', '医保号',
    '医保卡', '参保号', '个人社保号',
  ]),
  ...labels('hk_macau_permit', ['港澳居民来往内地通行证', '回乡证号码', '回乡证号', '回乡证', '通行证号码', '通行证号', '通行证']),
  ...labels('macau_id', ['澳门居民身份证', '澳门身份证号', '澳门身份证', 'BIR']),
  ...labels('hk_id', ['香港身份证号', '香港身份证', 'HKID']),
  ...labels('tw_id', ['台湾身份证号', '台湾身份证']),
  ...labels('cn_landline', ['座机', '固话', '固定电话', '办公电话', '家庭电话', '电话', 'Tel', 'TEL', 'Phone']),
  ...labels('cn_passport', ['护照号码', '护照号', '护照', 'Passport']),
  ...labels('imei', ['IMEI号', 'IMEI', '串号', '设备号']),
  ...labels('gps_coordinate', ['经纬度', '坐标', '定位', 'GPS', 'lat', 'lng', 'latitude', 'longitude', '经度', '纬度']),
]; // prettier-ignore

/** Labels by their first code unit (ASCII ones under both cases). */
export const LABELS_BY_FIRST: ReadonlyMap<number, readonly Label[]> = (() => {
  const map = new Map<number, Label[]>();
  const add = (c: number, label: Label) => {
    const list = map.get(c) ?? [];
    list.push(label);
    map.set(c, list);
  };
  for (const label of LABELS) {
    const c = label.word.charCodeAt(0);
    add(c, label);
    if (c < 128) {
      const lower = label.word[0].toLowerCase().charCodeAt(0);
      const upper = label.word[0].toUpperCase().charCodeAt(0);
      if (lower !== c) add(lower, label);
      if (upper !== c) add(upper, label);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b.word.length - a.word.length);
  return map;
})();

/**
 * For each ASCII letter, bit n set when a label starting with it (in either case) begins with n
 * ASCII letters (QQ号 2, V信 1, Passport 8): a label matches only where the run of letters
 * starting there is that long (an ASCII label is a whole word), so the pre-pass forgets the
 * other runs (mg, mmol/L).
 */
export const LABEL_LETTER_RUNS: Uint32Array = (() => {
  const table = new Uint32Array(128);
  for (const label of LABELS) {
    let letters = 0;
    while (letters < label.word.length && /[A-Za-z]/.test(label.word[letters])) letters++;
    if (letters === 0) continue;
    if (letters > 31) throw new Error(`an ASCII label longer than 31 letters: ${label.word}`);
    const first = label.word[0];
    for (const c of [first.toLowerCase(), first.toUpperCase()])
      table[c.charCodeAt(0)] |= 1 << letters;
  }
  return table;
})();

/** True when `text` has `word` at `at` (ASCII letters in any case). */
export function hasWordAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    let a = text.charCodeAt(at + i);
    let b = word.charCodeAt(i);
    if (a >= 65 && a <= 90) a += 32;
    if (b >= 65 && b <= 90) b += 32;
    if (a !== b) return false;
  }
  return true;
}

/** 1 for a code unit some label starts with: one typed-array load per character before any Map. */
export const STARTS_A_LABEL: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of LABELS_BY_FIRST.keys()) table[c] = 1;
  return table;
})();

/**
 * 1 for a code unit that may follow a label's first character: its second (in either case for
 * an ASCII label), or the colon a one-character label needs. A cheap test before the labels
 * starting at a character are compared.
 */
export const SECOND_OF_LABEL: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const label of LABELS) {
    if (label.word.length === 1) {
      if (label.colon !== true)
        throw new Error(`a one-character label needs its colon: ${label.word}`);
      table[58] = 1;
      table[0xff1a] = 1;
      continue;
    }
    const second = label.word[1];
    for (const c of [second, second.toLowerCase(), second.toUpperCase()])
      table[c.charCodeAt(0)] = 1;
  }
  return table;
})();
