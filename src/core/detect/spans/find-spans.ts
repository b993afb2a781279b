// findIdentifierSpans: every identifier inside a string, with its kind and exact place in the original.
import { normalizeText } from '../normalize/normalize-text.js';
import { AT, characterClasses, COLON, DIGIT, HAN, LETTER, LETTER_X } from '../value-shape.js';
import type { OffsetMap } from '../normalize/offset-map.js';
import { findAddressSpans } from './address-spans.js';
import { findDigitSpans } from './digit-spans.js';
import { findEmailSpans } from './email-spans.js';
import { findEncodedSpans } from './encoded-spans.js';
import { findLabelledSpans } from './labelled-spans.js';
import { findNameSpans } from './name-spans.js';
import { findNumeralSpans } from './numeral-spans.js';
import { findObfuscatedEmailSpans } from './obfuscated-email-spans.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { RawSpan, ScanInput, Span, SpanOptions } from './span.js';
import { findTokenSpans } from './token-spans.js';

/**
 * The latest birth date without the caller's today (see SpanOptions.todayYmd): far enough ahead
 * that a mistyped or future-dated ID is still scrubbed, not so far that any 18 digits with a
 * region prefix read as an ID born in the year 6100 (an order number 2023082261000901…).
 */
const NO_DATE_LIMIT = 21001231;

/**
 * Every identifier inside `raw`, sorted by start, none overlapping, in `raw`'s own offsets.
 * The text is normalized first (NFKC, invisible characters removed, dashes folded; see
 * normalizeText), then searched for checksummed numbers anywhere (also split by spaces, dashes,
 * dots or line breaks), phones, e-mails, letter-and-digit IDs, labelled values (QQ：…), names
 * (after 患者/姓名…, before 先生/主任…, romanized) and street addresses; tokens that decode as
 * base64, hex, percent-encoding or \u escapes, numbers in scientific notation and JSON values
 * are searched in their decoded form (see findEncodedSpans), and so are numbers written with
 * Chinese numerals or letters that look like digits (findNumeralSpans).
 */
export function findIdentifierSpans(raw: string, options: SpanOptions = {}): readonly Span[] {
  if (raw.length === 0) return [];
  const normalized = normalizeText(raw);
  const found = scanText(normalized.text, options, 0);
  const wanted = options.kinds === undefined ? undefined : new Set(options.kinds);
  const spans: Span[] = [];
  for (const span of resolveOverlaps(found)) {
    if (wanted !== undefined && !wanted.has(span.kind)) continue;
    const start = normalized.map.sourceStart(span.start);
    const end = normalized.map.sourceEnd(span.end);
    spans.push({ kind: span.kind, start, end, text: raw.slice(start, end) });
  }
  return spans;
}

/** Decoding depth: base64 inside percent-encoding is searched, a third layer is not. */
const MAX_DEPTH = 2;

/** Findings in `text` (already normalized) in its own offsets, decoded layers included. */
export function scanText(text: string, options: SpanOptions, depth: number): RawSpan[] {
  const out: RawSpan[] = [];
  const input: ScanInput = {
    text,
    todayYmd: options.todayYmd ?? NO_DATE_LIMIT,
    context: options.context ?? '',
    out,
  };
  // Each finder needs some class of character; most values lack several (one pass to know).
  const classes = characterClasses(text);
  const digits = (classes & DIGIT) !== 0;
  const letters = (classes & (LETTER | LETTER_X)) !== 0;
  const han = (classes & HAN) !== 0;
  if (digits) findDigitSpans(input);
  if ((classes & AT) !== 0) findEmailSpans(input);
  if (letters) findObfuscatedEmailSpans(input);
  if (digits || (classes & COLON) !== 0) findTokenSpans(input);
  if (digits || letters) findLabelledSpans(input);
  if (han || letters) findNameSpans(input);
  if (han && digits) findAddressSpans(input);
  if (depth < MAX_DEPTH && (digits || letters || han)) {
    const scanDecoded = (decoded: string, map: OffsetMap, context: string) =>
      scanText(decoded, { ...options, context: context || options.context }, depth + 1).map(
        (span) => ({
          kind: span.kind,
          start: map.sourceStart(span.start),
          end: map.sourceEnd(span.end),
        }),
      );
    if (digits || letters) findEncodedSpans(input, scanDecoded);
    if (han || letters) findNumeralSpans(input, scanDecoded);
  }
  return out;
}
