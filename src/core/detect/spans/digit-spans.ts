// Identifiers made of digits, found inside text: IDs, phones, cards, IMEIs, also when split by separators.
import { isBankCard } from '../detectors/bank-card.js';
import { isCnMobile } from '../detectors/cn-mobile.js';
import { isIpv4 } from '../detectors/ip-address.js';
import { reverseText } from '../reverse-text.js';
import { isValidResidentId } from '../validators/cn-resident-id.js';
import { isValidForeignPermanentId } from '../validators/foreign-permanent-id.js';
import { isValidImei } from '../validators/imei.js';
import { isCoordinatePair, isInChina, parsePreciseDegrees } from '../validators/gps-coordinate.js';
import {
  isAsciiAlphanumeric,
  isAsciiLetter,
  isDigit,
  isDigitSeparator,
  skipDigitSeparators,
  isHexDigit,
  isListSeparator,
} from './characters.js';
import type { RawSpan, ScanInput } from './span.js';
import { isPlausibleUscc } from './token-spans.js';

/**
 * Group boundaries of the chain being read, reused across calls (a chain is examined before the
 * next is read, and decoded text is scanned only after this finder returns). A chain of more
 * groups is cut: it is no number anyway.
 */
const MAX_GROUPS = 1024;
const GROUP_STARTS = new Int32Array(MAX_GROUPS);
const GROUP_ENDS = new Int32Array(MAX_GROUPS);

/** Digits in the longest identifier a chain of groups is cut into (a 19-digit card). */
const MAX_DIGITS = 19;

/**
 * Finds digit identifiers: each maximal run of digit groups joined by separators (space, `-`,
 * `.`, `·`, `_`, a line break; at most three in a row) is a chain; every sub-chain of whole groups
 * is tried as a resident ID (with a trailing X), a foreigner's permanent residence ID, a USCC of
 * digits, a mobile (with 86/0086), a landline (area code first, or in parentheses), a bank card
 * (Luhn), an IMEI (Luhn), and the chain as an IPv4 address or a coordinate pair. A run of 19+
 * digits with no separator is searched for resident IDs at every offset (two numbers written
 * together). Digits inside a hexadecimal token (a hash, a UUID) are skipped.
 */
export function findDigitSpans(input: ScanInput): void {
  const { text } = input;
  const length = text.length;
  const starts = GROUP_STARTS;
  const ends = GROUP_ENDS;
  let hexTokens: HexTokens | undefined;
  // A chain starts at a digit run (scan.digitRuns), never inside the chain before it.
  const runs = input.scan.digitRuns;
  let i = 0;
  for (let k = 0; k < runs.count; k++) {
    if (runs.at[k] < i) continue;
    i = runs.at[k];
    if (!isDigit(text.charCodeAt(i))) continue;
    let groups = 0;
    let at = i;
    for (;;) {
      const groupStart = at;
      while (at < length && isDigit(text.charCodeAt(at))) at++;
      starts[groups] = groupStart;
      ends[groups++] = at;
      if (groups === MAX_GROUPS) break;
      let next = skipDigitSeparators(text, at);
      // An area code or a mobile's first group in parentheses: (022)4161 2321, (138)1234-5678.
      if (
        next === at &&
        isClosingParen(text.charCodeAt(at)) &&
        groupStart > 0 &&
        isOpeningParen(text.charCodeAt(groupStart - 1)) &&
        at - groupStart >= 2 &&
        at - groupStart <= 4
      ) {
        next = at + 1;
        while (next < length && text.charCodeAt(next) === 32) next++;
      }
      if (next > at && next < length && isDigit(text.charCodeAt(next))) at = next;
      else break;
    }
    const chainEnd = ends[groups - 1];
    // The shortest thing a chain can be is 4 digits of an IPv4 address or a decimal coordinate.
    if (chainEnd - starts[0] >= 4) {
      hexTokens ??= HEX_TOKENS.reset(text);
      if (!hexTokens.contains(starts, ends, groups)) examineChain(input, starts, ends, groups);
    }
    i = chainEnd;
  }
}

/**
 * The maximal run of hex digits and dashes around a chain, and whether it is a hash-like token:
 * 16+ characters holding letters (an MD5/SHA hash, a UUID, a hex key), with no other letter or
 * digit right next to it (that would make it a word). Chains are examined left to right and runs
 * are disjoint, so the last run is kept; the chain's own digit groups are not read again.
 */
class HexTokens {
  private text = '';
  private from = -1;
  private to = -1;
  private hash = false;

  /** Starts over on `text` (one instance serves every call: no object per cell). */
  reset(text: string): this {
    this.text = text;
    this.from = -1;
    this.to = -1;
    this.hash = false;
    return this;
  }

  /** True when the chain of digit groups [starts[g], ends[g]) lies in a hash-like token. */
  contains(starts: Int32Array, ends: Int32Array, groups: number): boolean {
    const start = starts[0];
    if (start >= this.from && start < this.to) return this.hash;
    const { text } = this;
    let from = start;
    let letters = 0;
    while (from > 0 && isHexOrDash(text.charCodeAt(from - 1))) {
      from--;
      if (isAsciiLetter(text.charCodeAt(from))) letters++;
    }
    // Rightwards the groups are digits (hex, no letter): the run is read only between and after
    // them, jumping over a group where it reaches one (…20240512-0087: only the dash is read).
    let to = ends[0];
    let next = 1;
    while (to < text.length && isHexOrDash(text.charCodeAt(to))) {
      if (next < groups && to === starts[next]) {
        to = ends[next++];
        continue;
      }
      if (isAsciiLetter(text.charCodeAt(to))) letters++;
      to++;
    }
    this.from = from;
    this.to = to;
    this.hash =
      letters > 0 &&
      to - from >= 16 &&
      !(
        (from > 0 && isAsciiAlphanumeric(text.charCodeAt(from - 1))) ||
        (to < text.length && isAsciiAlphanumeric(text.charCodeAt(to)))
      );
    return this.hash;
  }
}

/** Reused by every findDigitSpans call (a call finishes with it before the next starts). */
const HEX_TOKENS = new HexTokens();

function isHexOrDash(c: number): boolean {
  return isHexDigit(c) || c === 45;
}

function examineChain(
  input: ScanInput,
  starts: Int32Array,
  ends: Int32Array,
  groups: number,
): void {
  const { text, out } = input;
  if (groups === 4 && isDottedQuad(text, starts, ends)) {
    const candidate = text.slice(starts[0], ends[3]);
    if (isIpv4(candidate)) {
      out.push({ kind: 'ipv4', start: starts[0], end: ends[3] });
      return;
    }
  }
  // A coordinate pair is two decimals, one or two chains (39.90421 116.40739 is one chain of four
  // groups); in a longer chain the other numbers are still searched.
  if (groups >= 2 && examineCoordinates(input, starts, ends) && groups <= 4) return;
  let total = 0;
  for (let g = 0; g < groups; g++) total += ends[g] - starts[g];
  // Every kind below has 11 digits at least (17 and an X for a resident ID).
  if (total < 11) return;
  const found = FOUND;
  found.length = 0;
  for (let first = 0; first < groups; first++) {
    let count = 0;
    let listed = false;
    for (let last = first; last < groups; last++) {
      count += ends[last] - starts[last];
      if (count > MAX_DIGITS) break;
      // Five or more groups (1 3 8 1 2 3 4 5 6 7 8), or groups joined by list punctuation
      // (138,1234,5678), only as a whole chain: not cut out of a longer one (a list of numbers).
      if (last > first) listed ||= holdsListSeparator(text, ends[last - 1], starts[last]);
      if ((last - first >= 4 || listed) && (first > 0 || last < groups - 1)) continue;
      // Every kind has 11 digits at least: fewer are not joined into a string at all.
      if (count < 11) continue;
      // 11–14 digits can only be a phone (classifyDigits): a mobile starts with 1, a landline
      // with 0, a country code with 86 or 0086; other digits are not joined either (20240512-0087).
      if (count <= 14 && !isPhoneLead(text.charCodeAt(starts[first]))) continue;
      const digits = joinGroups(text, starts, ends, first, last);
      // Only cut where a group ends (or the chain's last group continues with X, also after a
      // separator: 1,1,0,…,2,X).
      let end = ends[last];
      let after = text.charCodeAt(end);
      if (last === groups - 1 && digits.length === 17 && isDigitSeparator(after)) {
        const x = checkCharacterAfter(text, end);
        if (x >= 0) {
          end = x;
          after = text.charCodeAt(x);
        }
      }
      const plus = text.charCodeAt(starts[first] - 1) === 43;
      let kind = classifyDigits(input, digits, after, plus);
      // A list of numbers (12,305,77,…) joined is a valid number now and then (one in ten for
      // Luhn): listed groups count only when written as a number is (equal groups, or 3-4-4 / 6-8-4).
      if (listed && kind !== undefined && !regularGroups(starts, ends, first, last))
        kind = undefined;
      // An ID written backwards (X20013219…): its reverse validates.
      if (
        kind === undefined &&
        (!listed || regularGroups(starts, ends, first, last)) &&
        isReversedId(input, text, digits, starts[first])
      ) {
        kind = 'cn_resident_id';
        found.push({ kind, start: starts[first] - (digits.length === 17 ? 1 : 0), end });
        continue;
      }
      // SF123…, MZ2024…: letters glued before a number without a check digit make it a code.
      if (
        (kind === 'cn_mobile' || kind === 'cn_landline') &&
        isAsciiLetter(text.charCodeAt(starts[first] - 1)) &&
        !endsPhoneLabel(text, starts[first]) &&
        !isDigit(text.charCodeAt(starts[first] - 2)) // …002X13812345678: the X ends an ID
      )
        kind = undefined;
      if (kind !== undefined) {
        const withCheck = kind === 'id_with_x' || kind === 'permanent_with_x';
        found.push({
          kind:
            kind === 'id_with_x'
              ? 'cn_resident_id'
              : kind === 'permanent_with_x'
                ? 'cn_foreign_permanent_id'
                : kind,
          start: spanStart(text, starts[first], kind),
          end: withCheck ? end + 1 : end,
        });
      }
    }
  }
  // A number with a check digit is read whole: not the phone its last groups would make
  // (6222 0221 1707 2992 852 is a card, not …1707 2992 852).
  for (const span of found) if (!liesInLongerChecked(found, span)) out.push(span);
  // Two numbers written together (…002113812345678): resident IDs at any offset of a long run.
  for (let g = 0; g < groups; g++) {
    const run = ends[g] - starts[g];
    if (run < 19 || run > 64) continue;
    // A 19-digit card is one number, not an ID and a digit.
    if (coversChecked(found, starts[g], ends[g])) continue;
    for (let at = starts[g]; at + 18 <= ends[g] + 1; at++) {
      const window = text.slice(at, at + 18);
      if (window.length === 18 && isValidResidentId(window, input.todayYmd))
        out.push({ kind: 'cn_resident_id', start: at, end: at + 18 });
    }
  }
}

/**
 * The findings of the chain being examined: one array reused by every examineChain call (a call
 * pushes what it keeps to the output before the next starts).
 */
const FOUND: RawSpan[] = [];

/** True when another finding with a check digit covers `span` and is longer. */
function liesInLongerChecked(found: readonly RawSpan[], span: RawSpan): boolean {
  for (const other of found)
    if (
      other !== span &&
      CHECKED.has(other.kind) &&
      other.start <= span.start &&
      other.end >= span.end &&
      other.end - other.start > span.end - span.start
    )
      return true;
  return false;
}

/** True when a finding with a check digit covers [start, end). */
function coversChecked(found: readonly RawSpan[], start: number, end: number): boolean {
  for (const span of found)
    if (CHECKED.has(span.kind) && span.start <= start && span.end >= end) return true;
  return false;
}

/** The digits of groups first…last, separators left out. */
function joinGroups(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  first: number,
  last: number,
): string {
  let digits = '';
  for (let g = first; g <= last; g++) digits += text.slice(starts[g], ends[g]);
  return digits;
}

/** A first digit of an 11–14 digit phone: 0 (landline, 0086), 1 (mobile), 8 (86 before either). */
function isPhoneLead(c: number): boolean {
  return c === 48 || c === 49 || c === 56;
}

/** Kinds whose digits carry a check (a legacy 15-digit resident ID does not, but is rarely the longer). */
const CHECKED: ReadonlySet<string> = new Set([
  'cn_resident_id',
  'cn_foreign_permanent_id',
  'cn_uscc',
  'bank_card',
  'imei',
]);

type DigitKind =
  | 'cn_resident_id'
  | 'cn_foreign_permanent_id'
  | 'cn_uscc'
  | 'cn_mobile'
  | 'cn_landline'
  | 'bank_card'
  | 'imei'
  | 'id_with_x'
  | 'permanent_with_x';

/**
 * The kind of an identifier whose digits are `digits` (separators removed), if any; `after` is the
 * character after them, `plus` whether a `+` stands before them (+86 22 2345 6789).
 */
function classifyDigits(
  input: ScanInput,
  digits: string,
  after: number,
  plus: boolean,
): DigitKind | undefined {
  const length = digits.length;
  const { todayYmd } = input;
  // A letter right after the digits makes them part of a code (…1234AB), except X after 17 digits.
  const letterAfter = isAsciiLetter(after);
  if (length === 17 && (after === 88 || after === 120)) {
    const id = `${digits}X`;
    if (isValidResidentId(id, todayYmd)) return 'id_with_x';
    if (isValidForeignPermanentId(id, todayYmd)) return 'permanent_with_x';
  }
  if (letterAfter) return undefined;
  // A landline with the country code: +86 22…, 0086 22… (the area code's 0 dropped).
  if (plus && length >= 11 && length <= 13 && digits.startsWith('86'))
    if (isLandlineDigits(`0${digits.slice(2)}`)) return 'cn_landline';
  if (length >= 13 && length <= 15 && digits.startsWith('0086'))
    if (isLandlineDigits(`0${digits.slice(4)}`)) return 'cn_landline';
  switch (length) {
    case 11:
      if (isCnMobile(digits)) return 'cn_mobile';
      return isLandlineDigits(digits) ? 'cn_landline' : undefined;
    case 12:
      return isLandlineDigits(digits) ? 'cn_landline' : undefined;
    case 13:
      return digits.startsWith('86') && isCnMobile(digits.slice(2)) ? 'cn_mobile' : undefined;
    case 15:
      if (isValidResidentId(digits, todayYmd)) return 'cn_resident_id';
      if (digits.startsWith('0086') && isCnMobile(digits.slice(4))) return 'cn_mobile';
      return isValidImei(digits) ? 'imei' : undefined;
    case 18:
      if (isValidResidentId(digits, todayYmd)) return 'cn_resident_id';
      if (isValidForeignPermanentId(digits, todayYmd)) return 'cn_foreign_permanent_id';
      if (isPlausibleUscc(digits)) return 'cn_uscc';
      return isBankCard(digits) ? 'bank_card' : undefined;
    case 16:
    case 17:
    case 19:
      return isBankCard(digits) ? 'bank_card' : undefined;
    default:
      return undefined;
  }
}

/**
 * A fixed-line number: 0 + a three-digit area code (010, 02x) and an 8-digit local number, or a
 * four-digit area code (0[3-9]xx) and a 7–8 digit local number; local numbers start with 2–9.
 */
function isLandlineDigits(digits: string): boolean {
  if (digits.charCodeAt(0) !== 48) return false;
  const second = digits.charCodeAt(1);
  if (second === 49 || second === 50) {
    if (second === 49 && digits.charCodeAt(2) !== 48) return false;
    return digits.length === 11 && digits.charCodeAt(3) >= 50;
  }
  return (
    (digits.length === 11 || digits.length === 12) && second >= 51 && digits.charCodeAt(4) >= 50
  );
}

/** Where a span starts: a phone's `+` before 86, the `(` before an area code. */
function spanStart(text: string, start: number, kind: DigitKind): number {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  // (+86)138…: the country code in parentheses goes with the number.
  if (
    kind === 'cn_mobile' &&
    isClosingParen(before) &&
    /[(（]\+86$/.test(text.slice(start - 5, start - 1))
  )
    return start - 5;
  if ((kind === 'cn_mobile' || kind === 'cn_landline') && before === 43) return start - 1;
  if ((kind === 'cn_mobile' || kind === 'cn_landline') && isOpeningParen(before)) return start - 1;
  return start;
}

/**
 * True when the groups `first`…`last` are written as a number is: every group but the last of
 * one length (1 3 8 1…, 6228 4849 7901 9071), or a mobile's 3-4-4 or a resident ID's 6-8-4.
 */
function regularGroups(starts: Int32Array, ends: Int32Array, first: number, last: number): boolean {
  const width = (g: number) => ends[g] - starts[g];
  if (last - first === 2) {
    const [a, b, c] = [width(first), width(first + 1), width(last)];
    if ((a === 3 && b === 4 && c === 4) || (a === 6 && b === 8 && (c === 4 || c === 3)))
      return true;
  }
  for (let g = first + 1; g < last; g++) if (width(g) !== width(first)) return false;
  return true;
}

/** True when the separator text[from, to) between two groups holds list punctuation. */
function holdsListSeparator(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isListSeparator(text.charCodeAt(k))) return true;
  return false;
}

function isOpeningParen(c: number): boolean {
  return c === 40 || c === 0xff08;
}

function isClosingParen(c: number): boolean {
  return c === 41 || c === 0xff09;
}

/** The index of an X (or x) after up to three separators from `at`, ending a word; else -1. */
function checkCharacterAfter(text: string, at: number): number {
  const x = skipDigitSeparators(text, at);
  const c = text.charCodeAt(x);
  if (c !== 88 && c !== 120) return -1;
  return isAsciiAlphanumeric(text.charCodeAt(x + 1)) ? -1 : x;
}

/**
 * A resident ID written backwards: 18 digits, or 17 digits after an X, whose reverse is a valid
 * ID (region, real birth date and check: about one 18-digit number in 10^5 passes by chance).
 */
function isReversedId(input: ScanInput, text: string, digits: string, start: number): boolean {
  if (digits.length === 18) return isValidResidentId(reverseText(digits), input.todayYmd);
  if (digits.length !== 17) return false;
  const x = text.charCodeAt(start - 1);
  if ((x !== 88 && x !== 120) || isAsciiAlphanumeric(text.charCodeAt(start - 2))) return false;
  return isValidResidentId(`${reverseText(digits)}X`, input.todayYmd);
}

function isDottedQuad(text: string, starts: Int32Array, ends: Int32Array): boolean {
  for (let g = 1; g < 4; g++)
    if (starts[g] !== ends[g - 1] + 1 || text.charCodeAt(ends[g - 1]) !== 46) return false;
  return true;
}

/**
 * A coordinate pair written as two decimals (39.90421, 116.40739) in this chain and the next
 * number: this chain is `int.frac` with 4+ decimals, a comma or space, then another. Pairs
 * inside China's bounding box (either order), or any valid pair labelled by the context.
 */
function examineCoordinates(input: ScanInput, starts: Int32Array, ends: Int32Array): boolean {
  const { text, out } = input;
  if (text.charCodeAt(ends[0]) !== 46 || starts[1] !== ends[0] + 1) return false;
  let from = starts[0];
  if (from > 0 && text.charCodeAt(from - 1) === 45) from--;
  const first = text.slice(from, ends[1]);
  if (Number.isNaN(parsePreciseDegrees(first))) return false;
  // The second number: after `,`, `，`, `;`, `/` or spaces.
  let at = ends[1];
  while (at < text.length && at - ends[1] < 3 && /[\s,，;；/、]/.test(text[at])) at++;
  if (at === ends[1]) return false;
  const match = /^-?\d{1,3}\.\d{4,12}/.exec(text.slice(at, at + 20));
  if (match === null) return false;
  const second = match[0];
  const afterSecond = text.charCodeAt(at + second.length);
  if (isDigit(afterSecond)) return false;
  const a = parsePreciseDegrees(first);
  const b = parsePreciseDegrees(second);
  if (!(
    isInChina(a, b) ||
    isInChina(b, a) ||
    (input.context !== '' && isCoordinatePair(first, second))
  ))
    return false;
  out.push({ kind: 'gps_coordinate', start: from, end: at + second.length });
  return true;
}

/** Tel13812345678, Mobile13812345678: an ASCII phone label glued to the number. */
function endsPhoneLabel(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 6), at).toLowerCase();
  return /(?:tel|phone|mobile|mob|cell|fax)$/.test(before);
}
