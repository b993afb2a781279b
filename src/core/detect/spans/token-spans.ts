// Letter-and-digit identifiers inside text: passports, HK/Taiwan IDs, VINs, USCCs, MAC/IPv6, plates.
import { isCnPassport } from '../detectors/cn-passport.js';
import { isCnPlate } from '../detectors/cn-plate.js';
import { isIpv6 } from '../detectors/ip-address.js';
import { isVin } from '../detectors/vin.js';
import { isKnownProvincePrefix } from '../../regions/index.js';
import { isValidUsccIgnoringCase } from '../validators/cn-uscc.js';
import { isValidHkId } from '../validators/hk-id.js';
import { isValidResidentId } from '../validators/cn-resident-id.js';
import { isMacAddress } from '../validators/mac-address.js';
import { isValidTwId } from '../validators/tw-id.js';
import { isAsciiAlphanumeric, isAsciiLetter, isDigit, isHexDigit } from './characters.js';
import { hasWordAt } from './labels.js';
import type { ScanInput } from './span.js';

/** The first characters of mainland plates (province abbreviations). */
export const PLATE_PROVINCES: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼')
    table[c.charCodeAt(0)] = 1;
  return table;
})();

/** Token lengths classifyToken knows (HK ID 7–9, Taiwan ID 10, VIN 17, USCC 18). */
const CLASSIFIED_LENGTHS: ReadonlySet<number> = new Set([7, 8, 9, 10, 17, 18]);

/** CLASSIFIED_LENGTHS as a table: a load instead of a Set lookup at every token's end. */
const CLASSIFIED_WIDTH: Uint8Array = (() => {
  const table = new Uint8Array(19);
  for (const width of CLASSIFIED_LENGTHS) table[width] = 1;
  return table;
})();

/** True when classifyToken knows tokens `width` characters long. */
export function isClassifiedWidth(width: number): boolean {
  return width < CLASSIFIED_WIDTH.length && CLASSIFIED_WIDTH[width] === 1;
}

export function findTokenSpans(input: ScanInput): void {
  const { text, out } = input;
  const length = text.length;
  // A token starts where a letter-or-digit run does, at a colon or at a plate's province
  // (scan.tokenStarts); a network address read over it moves on past its end.
  const starts = input.scan.tokenStarts;
  let i = 0;
  for (let k = 0; k < starts.count; k++) {
    if (starts.at[k] < i) continue;
    i = starts.at[k];
    const c = text.charCodeAt(i);
    if (PLATE_PROVINCES[c] === 1) {
      examinePlate(input, i);
      continue;
    }
    if (!isAsciiAlphanumeric(c) && c !== 58) continue;
    // A token of letters and digits; separators that belong to MAC and IPv6 forms are read after.
    const start = i;
    let letters = 0;
    let digits = 0;
    while (i < length && isAsciiAlphanumeric(text.charCodeAt(i))) {
      if (isDigit(text.charCodeAt(i))) digits++;
      else letters++;
      i++;
    }
    // A MAC or IPv6 address has a separator within its first five characters (3c:22…, 3c22.fb12…,
    // fe80::): not after a run of five letters and digits.
    if (i - start < 5 && examineNetwork(input, start)) {
      i = Math.max(i, out[out.length - 1].end);
      continue;
    }
    if (i === start) continue;
    if (start > 0 && (text.charCodeAt(start - 1) === 95 || text.charCodeAt(start - 1) === 45))
      continue;
    const width = i - start;
    // A legacy WeChat ID, wxid_ and letters and digits, wherever it stands (微wxid_2dr2tle8dm).
    if (width === 4 && text.charCodeAt(i) === 95 && hasWordAt(text, start, 'wxid')) {
      let end = i + 1;
      while (end < length && isAsciiAlphanumeric(text.charCodeAt(end))) end++;
      if (end - i > 6) out.push({ kind: 'wechat_id', start, end });
      i = end;
      continue;
    }
    if (letters === 0 || digits === 0) continue;
    if (isInterleavedWidth(width)) {
      if (digits >= 17 && isInterleavedResidentId(input, start, i))
        out.push({ kind: 'cn_resident_id', start, end: i });
      continue;
    }
    if (!isClassifiedWidth(width)) continue;
    const token = text.slice(start, i);
    const kind = classifyToken(token, text, i);
    if (kind !== undefined) {
      const end = kind === 'hk_id' && token.length < 9 ? i + 3 : i;
      out.push({ kind, start, end });
    }
  }
}

/** Widths of a resident ID with single letters put between its digits (18 digits, 17 letters). */
export function isInterleavedWidth(width: number): boolean {
  return width >= 19 && width <= 35;
}

/**
 * A resident ID with single letters put between its digits (1a1b0c1d05…): the letters stand
 * alone (never two together, so a word or a hex hash's letter runs do not count) and the digits
 * left, with a final X, are a valid ID (region, birth date and check: a chance hit is rare).
 */
function isInterleavedResidentId(input: ScanInput, start: number, end: number): boolean {
  const { text } = input;
  let id = '';
  let previousLetter = false;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (isDigit(c)) {
      id += text[at];
      previousLetter = false;
    } else if (at === end - 1 && (c === 88 || c === 120) && id.length === 17) id += 'X';
    else if (previousLetter) return false;
    else previousLetter = true;
  }
  return id.length === 18 && isValidResidentId(id, input.todayYmd);
}

/**
 * A USCC as issued, not just one that passes the check (1 code in 31 does): the registering
 * authority (1–9, A, N, Y), a category digit, then a known province prefix (or 10, national) in
 * positions 3–4.
 */
export function isPlausibleUscc(token: string): boolean {
  const authority = token[0].toUpperCase();
  if (!/[1-9ANY]/.test(authority) || !/[1-9]/.test(token[1])) return false;
  const region = token.slice(2, 4);
  // 10xxxx: organizations registered at the national level.
  return (region === '10' || isKnownProvincePrefix(region)) && isValidUsccIgnoringCase(token);
}

function classifyToken(
  token: string,
  text: string,
  end: number,
): 'cn_passport' | 'hk_id' | 'tw_id' | 'vin' | 'cn_uscc' | undefined {
  switch (token.length) {
    case 7:
    case 8:
      // HK ID: D672410(9) — the check character in parentheses after the token.
      if (text.charCodeAt(end) === 40 && text.charCodeAt(end + 2) === 41)
        return isAsciiLetter(token.charCodeAt(0)) && isValidHkId(`${token}(${text[end + 1]})`)
          ? 'hk_id'
          : undefined;
      // Without its parentheses an HK ID is 8–9 letters and digits any code may be (a UUID
      // piece passes the check 1 time in 11): only after a label (labelled-spans.ts).
      return undefined;
    case 9:
      return isCnPassport(token) ? 'cn_passport' : undefined;
    case 10:
      return isValidTwId(token) ? 'tw_id' : undefined;
    case 17:
      return isVin(token) ? 'vin' : undefined;
    case 18:
      return isPlausibleUscc(token) ? 'cn_uscc' : undefined;
    default:
      return undefined;
  }
}

/**
 * A MAC address (3c:22:fb:12:34:56, 3c-22-…, 3c22.fb12.3456) or an IPv6 address starting at
 * `start`; pushes it and returns true.
 */
function examineNetwork(input: ScanInput, start: number): boolean {
  const { text, out } = input;
  if (!mayStartNetworkAddress(text, start)) return false;
  // A MAC address has its separator at 2 (3c:22:…, 3c-22-…) or 4 (3c22.fb12.3456).
  const at2 = text.charCodeAt(start + 2);
  const at4 = text.charCodeAt(start + 4);
  const macWidth = at2 === 58 || at2 === 45 ? 17 : at4 === 46 ? 14 : 0;
  if (macWidth > 0) {
    const candidate = text.slice(start, start + macWidth);
    if (
      candidate.length === macWidth &&
      isMacAddress(candidate) &&
      !isAsciiAlphanumeric(text.charCodeAt(start + macWidth))
    ) {
      out.push({ kind: 'mac_address', start, end: start + macWidth });
      return true;
    }
  }
  // An IPv6 address has a colon within its first five characters (fe80::, 2001:db8).
  let colon = start;
  while (colon < text.length && colon - start < 5 && text.charCodeAt(colon) !== 58) colon++;
  if (text.charCodeAt(colon) !== 58) return false;
  let end = start;
  let colons = 0;
  // 45 characters: the longest IPv6 text form; a longer run of hex and colons is not one.
  while (end < text.length && end - start <= 45) {
    const c = text.charCodeAt(end);
    if (c === 58) colons++;
    else if (!isHexDigit(c) && c !== 46) break;
    end++;
  }
  if (end - start > 45) return false;
  while (end > start && text.charCodeAt(end - 1) === 46) end--;
  if (colons < 2 || (end < text.length && isAsciiAlphanumeric(text.charCodeAt(end)))) return false;
  const candidate = text.slice(start, end);
  // Times (12:30:45) are not addresses: an IPv6 text has a hex letter, '::' or 8 groups.
  if (!/[a-fA-F]|::/.test(candidate) && colons < 7) return false;
  if (!isIpv6(candidate)) return false;
  out.push({ kind: 'ipv6', start, end });
  return true;
}

/**
 * Whether a MAC or IPv6 address may start at `start`: a hex digit or colon not continuing a
 * token, with a MAC separator at 2 or 4 or a colon within the first five characters.
 */
export function mayStartNetworkAddress(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (!isHexDigit(first) && first !== 58) return false;
  if (
    start > 0 &&
    (isAsciiAlphanumeric(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 58)
  )
    return false;
  const at2 = text.charCodeAt(start + 2);
  if (at2 === 58 || at2 === 45 || text.charCodeAt(start + 4) === 46) return true;
  for (let at = start; at < text.length && at - start < 5; at++)
    if (text.charCodeAt(at) === 58) return true;
  return false;
}

/** A plate at `at` (津A12345, 京A·D12345, 粤B 12345): 7–9 characters the plate detector accepts. */
function examinePlate(input: ScanInput, at: number): void {
  const { text, out } = input;
  if (!isAsciiLetter(text.charCodeAt(at + 1))) return;
  for (const width of [9, 8, 7]) {
    const candidate = text.slice(at, at + width);
    if (candidate.length !== width) continue;
    if (isAsciiAlphanumeric(text.charCodeAt(at + width))) continue;
    if (isCnPlate(candidate)) {
      out.push({ kind: 'cn_plate', start: at, end: at + width });
      return;
    }
  }
}
