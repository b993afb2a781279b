// Identifiers hidden in encodings: base64, hex, percent-encoding, \u escapes, JSON values, scientific notation.
import {
  decodeBase64Token,
  decodeHexToken,
  decodePercentEncoding,
  decodeUnicodeEscapes,
  expandScientific,
} from '../normalize/decode-tokens.js';
import { jsonLeaves } from '../normalize/json-leaves.js';
import { OffsetMap } from '../normalize/offset-map.js';
import { isKnownProvincePrefix } from '../../regions/index.js';
import { isRealDate } from '../validators/calendar-date.js';
import { isAsciiAlphanumeric, isDigit } from './characters.js';
import { scanDecoded } from './find-spans.js';
import type { RawSpan, ScanInput } from './span.js';

/** Shortest token worth decoding as base64 (12 characters = 9 bytes: a phone number needs 11). */
export const MIN_BASE64 = 12;

export function findEncodedSpans(input: ScanInput): void {
  const { text, out } = input;
  const percent = decodePercentEncoding(text);
  if (percent !== undefined) pushAll(out, scanDecoded(percent.text, percent.map, '', input));
  const escaped = decodeUnicodeEscapes(text);
  if (escaped !== undefined) pushAll(out, scanDecoded(escaped.text, escaped.map, '', input));
  const first = text.trimStart().charCodeAt(0);
  if (first === 123 || first === 91) {
    const leaves = jsonLeaves(text);
    if (leaves !== undefined)
      for (const leaf of leaves)
        if (leaf.text.length > 0) pushAll(out, scanDecoded(leaf.text, leaf.map, leaf.key, input));
  }
  findTokens(input);
}

function pushAll(out: RawSpan[], spans: readonly RawSpan[]): void {
  for (const span of spans) out.push(span);
}

/** Base64, hex and scientific-notation tokens, each decoded and searched on its own. */
function findTokens(input: ScanInput): void {
  const { text, out } = input;
  // A token starts a run of base64 characters (scan.base64Runs).
  const runs = input.scan.base64Runs;
  let i = 0;
  for (let k = 0; k < runs.count; k++) {
    if (runs.at[k] < i) continue;
    i = runs.at[k];
    if (!isBase64Character(text.charCodeAt(i))) continue;
    const start = i;
    let letters = false;
    let digits = false;
    while (i < text.length && isBase64Character(text.charCodeAt(i))) {
      if (isDigit(text.charCodeAt(i))) digits = true;
      else letters = true;
      i++;
    }
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
    i = end;
    const scientific = scientificAt(text, start, end);
    if (scientific !== undefined) {
      examineScientific(input, scientific);
      continue;
    }
    if (end - start < MIN_BASE64 || !letters) {
      // All-digit runs may still be hex of ASCII digits (3131303130…).
      if (!letters && digits && end - start >= 16) {
        const hex = decodeHexToken(text, start, end);
        if (hex !== undefined) pushAll(out, scanDecoded(hex.text, hex.map, '', input));
      }
      continue;
    }
    const hex = decodeHexToken(text, start, end);
    if (hex !== undefined) pushAll(out, scanDecoded(hex.text, hex.map, '', input));
    else {
      const base64 = decodeBase64Token(text, start, end);
      if (base64 !== undefined) pushAll(out, scanDecoded(base64.text, base64.map, '', input));
    }
  }
}

function isBase64Character(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === 43 || c === 47 || c === 95;
}

interface Scientific {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  readonly significant: number;
}

/** A number in scientific notation ending a token (1.10105194912310E+17): its expansion. */
function scientificAt(text: string, start: number, end: number): Scientific | undefined {
  // The token stops at '.', so the mantissa's integer digit is just before it: 1 . 10105…E + 17
  if (start < 2 || text.charCodeAt(start - 1) !== 46 || !isDigit(text.charCodeAt(start - 2)))
    return undefined;
  const from = start - 2;
  if (from > 0 && isAsciiAlphanumeric(text.charCodeAt(from - 1))) return undefined;
  let to = end;
  const e = text.charCodeAt(to - 1);
  if ((e === 69 || e === 101) && text.charCodeAt(to) === 43) {
    to++;
    while (to < text.length && isDigit(text.charCodeAt(to))) to++;
  }
  // Most are decimals (1,299.00): without an exponent at the end nothing is sliced or matched.
  if (!endsWithExponent(text, to)) return undefined;
  const expanded = expandScientific(text.slice(from, to));
  return expanded === undefined ? undefined : { start: from, end: to, ...expanded };
}

/**
 * True when text[…, to) ends as expandScientific's pattern does: `e` or `E`, maybe `+`, then one
 * or two digits (a cheap necessary test before the token is sliced and matched).
 */
function endsWithExponent(text: string, to: number): boolean {
  let at = to;
  while (to - at < 2 && at > 0 && isDigit(text.charCodeAt(at - 1))) at--;
  if (at === to) return false;
  if (text.charCodeAt(at - 1) === 43) at--;
  const e = text.charCodeAt(at - 1);
  return e === 69 || e === 101;
}

/**
 * Searches a number's expansion; an 18-digit expansion whose surviving digits hold a resident
 * ID's region and birth date is that ID even though the spreadsheet rounded its last digits
 * (the check character restores one lost digit, the region and date narrow the rest).
 */
function examineScientific(input: ScanInput, number: Scientific): void {
  const { out } = input;
  const { digits, significant, start, end } = number;
  // Every expanded digit stands for the whole written number.
  const map = OffsetMap.constant(digits.length, start, end);
  const found = scanDecoded(digits, map, '', input);
  for (const span of found) out.push(span);
  if (found.length > 0 || digits.length !== 18 || significant < 14) return;
  if (!isKnownProvincePrefix(digits.slice(0, 2))) return;
  const ymd = Number(digits.slice(6, 14));
  const year = Math.floor(ymd / 10000);
  if (year >= 1900 && isRealDate(year, Math.floor(ymd / 100) % 100, ymd % 100))
    out.push({ kind: 'cn_resident_id', start, end });
}
