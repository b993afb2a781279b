// E-mail addresses inside text, with Unicode local parts and internationalized domains (闫红@qq.com, …@公司.中国).
import { isAsciiAlphanumeric, isAsciiLetter, isHan } from './characters.js';
import type { ScanInput } from './span.js';

/** Punctuation allowed in a local part besides letters and digits (RFC 5321 atext, the common subset). */
function isLocalPunctuation(c: number): boolean {
  return c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** Han top-level domains in use (中国, 公司, 网络…): a Han domain's last label must start with one. */
const HAN_TLDS = [
  '中国',
  '中國',
  '公司',
  '网络',
  '網絡',
  '在线',
  '商城',
  '集团',
  '香港',
  '台湾',
  '台灣',
  '政务',
  '公益',
  '网址',
  '网店',
  '中文网',
  '商标',
  '手机',
];

/** Words that introduce an address and must not become its local part (联系邮箱闫红@…). */
const LABELS = [
  '邮箱地址',
  '电子邮箱',
  '电子邮件',
  '邮箱',
  '邮件',
  '信箱',
  '发送至',
  '发至',
  '发到',
  '是',
  '为',
  '至',
  '到',
];

/** Most Han characters in a local part (a name: 闫红, 欧阳修文). */
const MAX_HAN_LOCAL = 4;

export function findEmailSpans(input: ScanInput): void {
  const { text, out } = input;
  let at = text.indexOf('@');
  while (at >= 0) {
    const start = localPartStart(text, at);
    const end = domainEnd(text, at + 1);
    if (start < at && end > at + 1) out.push({ kind: 'email', start, end });
    at = text.indexOf('@', at + 1);
  }
}

/** Start of the local part before the `@` at `at` (== at when there is none). */
function localPartStart(text: string, at: number): number {
  let start = at;
  let han = 0;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (isAsciiAlphanumeric(c) || isLocalPunctuation(c)) start--;
    else if (isHan(c)) {
      han++;
      start--;
    } else break;
  }
  if (han === 0) return trimDots(text, start, at);
  // A run of Han before the @ also holds the words before the address: cut after a label, then
  // keep at most MAX_HAN_LOCAL Han characters.
  const local = text.slice(start, at);
  let cut = 0;
  for (const label of LABELS) {
    const found = local.lastIndexOf(label);
    if (found >= 0) cut = Math.max(cut, found + label.length);
  }
  start += cut;
  let hanKept = 0;
  for (let i = at - 1; i >= start; i--) {
    if (isHan(text.charCodeAt(i)) && ++hanKept > MAX_HAN_LOCAL) {
      start = i + 1;
      break;
    }
  }
  return trimDots(text, start, at);
}

function trimDots(text: string, start: number, at: number): number {
  while (start < at && text.charCodeAt(start) === 46) start++;
  return start;
}

/**
 * End of a domain after the `@` (== from when there is none): dot-separated labels, each all
 * ASCII (letters, digits, `-`) or all Han, at least two labels, the last an ASCII TLD of 2+
 * letters or a Han TLD. A label that switches script ends the domain (qq.com联系 → qq.com).
 */
function domainEnd(text: string, from: number): number {
  let at = from;
  let labels = 0;
  let lastLabelStart = from;
  let lastLabelHan = false;
  for (;;) {
    const labelStart = at;
    const first = text.charCodeAt(at);
    const han = isHan(first);
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (han ? isHan(c) : isAsciiAlphanumeric(c) || c === 45) at++;
      else break;
    }
    if (at === labelStart) break;
    labels++;
    lastLabelStart = labelStart;
    lastLabelHan = han;
    if (text.charCodeAt(at) === 46 && at + 1 < text.length) {
      const next = text.charCodeAt(at + 1);
      if (isAsciiAlphanumeric(next) || isHan(next)) {
        at++;
        continue;
      }
    }
    break;
  }
  if (labels < 2) return from;
  if (lastLabelHan) {
    const label = text.slice(lastLabelStart, at);
    const tld = HAN_TLDS.find((t) => label.startsWith(t));
    return tld === undefined ? from : lastLabelStart + tld.length;
  }
  let letters = 0;
  for (let i = lastLabelStart; i < at; i++) if (isAsciiLetter(text.charCodeAt(i))) letters++;
  return letters === at - lastLabelStart && letters >= 2 && letters <= 63 ? at : from;
}
