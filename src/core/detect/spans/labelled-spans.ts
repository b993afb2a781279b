// Identifiers recognisable only by the label before them: QQ：12345678, 住院号 ZY0012, 微信 zhang_wei88.
import type { IdentifierKind } from '../kinds.js';
import { isValidHkId } from '../validators/hk-id.js';
import { isHkMacauPermitShape } from '../validators/hk-macau-permit.js';
import { isMacauIdShape } from '../validators/macau-id.js';
import { isValidTwId } from '../validators/tw-id.js';
import { parsePreciseDegrees } from '../validators/gps-coordinate.js';
import {
  isQqNumberShape,
  isRecordNumberShape,
  isSocialSecurityNumberShape,
  isWechatIdShape,
} from '../validators/contextual-numbers.js';
import { isAsciiAlphanumeric, isAsciiLetter, isDigit } from './characters.js';
import {
  hasWordAt,
  LABELS,
  LABELS_BY_FIRST,
  SECOND_OF_LABEL,
  STARTS_A_LABEL,
  type Label,
} from './labels.js';
import type { ScanInput } from './span.js';

/** Characters between a label and its value: spaces, colons, 是/为/号/码, quotes, brackets (`"qq":"`). */
function isFiller(c: number): boolean {
  return (
    c === 32 ||
    c === 58 ||
    c === 0xff1a ||
    c === 61 ||
    c === 35 ||
    c === 34 ||
    c === 39 ||
    c === 40 ||
    c === 0xff08 ||
    c === 0x662f || // 是
    c === 0x4e3a || // 为
    c === 0x53f7 || // 号
    c === 0x7801 || // 码
    c === 0x3a || // :
    c === 0x2d // -
  );
}

const MAX_FILLER = 6;
/** Longest labelled value read (a 24-character record number, with room): longer runs are not one. */
const MAX_VALUE = 40;

export function findLabelledSpans(input: ScanInput): void {
  const { text } = input;
  // Labels start at scan.labelStarts (an ASCII one only where a letter run starts: see below).
  const starts = input.scan.labelStarts;
  for (let k = 0; k < starts.count; k++) {
    const at = starts.at[k];
    const c = text.charCodeAt(at);
    if (STARTS_A_LABEL[c] === 0 || SECOND_OF_LABEL[text.charCodeAt(at + 1)] !== 1) continue;
    const candidates = LABELS_BY_FIRST.get(c)!;
    for (const label of candidates) {
      if (!hasWordAt(text, at, label.word)) continue;
      const end = at + label.word.length;
      if (label.colon === true && !isColon(text.charCodeAt(end))) continue;
      if (label.word.charCodeAt(0) < 128) {
        // An ASCII label is a whole word: not inside `equipment` or `Beijing`.
        if (at > 0 && isAsciiLetter(text.charCodeAt(at - 1))) continue;
        if (end < text.length && isAsciiLetter(text.charCodeAt(end))) continue;
      }
      if (readLabelledValue(input, label.kind, end)) break;
    }
  }
  // The header or key the text sits under is a label standing before it.
  if (input.context !== '') {
    for (const label of LABELS)
      if (
        label.colon !== true &&
        input.context.toLowerCase().includes(label.word.toLowerCase()) &&
        readLabelledValue(input, label.kind, 0)
      )
        break;
  }
}

/** Reads the value after a label ending at `from`; pushes a span and returns true if it fits `kind`. */
function readLabelledValue(input: ScanInput, kind: IdentifierKind, from: number): boolean {
  const { text, out } = input;
  let start = from;
  while (start < text.length && start - from < MAX_FILLER && isFiller(text.charCodeAt(start)))
    start++;
  let end = start;
  while (end < text.length && end - start <= MAX_VALUE && isValueCharacter(text.charCodeAt(end)))
    end++;
  if (end - start > MAX_VALUE) return false;
  // Closing parentheses belong to a check digit (D672410(9), 1234567(8)), not to the text.
  while (
    end > start &&
    !isAsciiAlphanumeric(text.charCodeAt(end - 1)) &&
    text.charCodeAt(end - 1) !== 41
  )
    end--;
  if (end === start) return false;
  const value = text.slice(start, end);
  if (!fits(kind, value)) return false;
  out.push({ kind, start, end });
  return true;
}

function isColon(c: number): boolean {
  return c === 58 || c === 0xff1a;
}

/** Letters, digits and the punctuation identifiers are written with: `-`, `_`, `.`, `/`, `(`, `)`. */
function isValueCharacter(c: number): boolean {
  return (
    isAsciiAlphanumeric(c) || c === 45 || c === 95 || c === 46 || c === 47 || c === 40 || c === 41
  );
}

function fits(kind: IdentifierKind, value: string): boolean {
  switch (kind) {
    case 'qq_number':
      return isQqNumberShape(value);
    case 'wechat_id':
      return isWechatIdShape(value) || isQqNumberShape(value);
    case 'medical_record_no':
      return isRecordNumberShape(value);
    case 'social_security_no':
      return isSocialSecurityNumberShape(value);
    case 'hk_macau_permit':
      return isHkMacauPermitShape(value);
    case 'macau_id':
      return isMacauIdShape(value);
    case 'hk_id':
      return isValidHkId(value);
    case 'tw_id':
      return isValidTwId(value);
    case 'cn_landline':
      return isLocalNumber(value);
    case 'cn_passport':
      return /^[A-Za-z]{1,2}\d{6,9}$/.test(value);
    case 'imei':
      return /^\d{14,16}$/.test(value);
    case 'gps_coordinate':
      return !Number.isNaN(parsePreciseDegrees(value));
    default:
      return false;
  }
}

/** A local fixed-line number without its area code: 7–8 digits starting 2–9, maybe split by `-`. */
function isLocalNumber(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c !== 45) return false;
  }
  const first = value.charCodeAt(0);
  return (digits === 7 || digits === 8) && first >= 50 && first <= 57;
}

export type { Label };
