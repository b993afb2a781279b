// findIdentifierSpans: every identifier inside a string, with its kind and exact place in the original.
import { normalizeText } from '../normalize/normalize-text.js';
import { OffsetMap } from '../normalize/offset-map.js';
import { AT, COLON, DIGIT, HAN, LETTER, LETTER_X } from '../value-shape.js';
import { findAddressSpans } from './address-spans.js';
import { cellScanAt, type CellScan } from './cell-scan.js';
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
  return findSpans(raw, options, false);
}

/**
 * findIdentifierSpans with every finder visiting every position of the text instead of the
 * places the pre-pass marks (CellScan): the same answer, slower. The reference tests hold the
 * pre-pass to.
 */
export function findIdentifierSpansExhaustively(
  raw: string,
  options: SpanOptions = {},
): readonly Span[] {
  return findSpans(raw, options, true);
}

/** The answer for a text holding no identifier, shared (frozen: callers only read answers). */
const NO_SPANS: readonly Span[] = Object.freeze([]);

function findSpans(raw: string, options: SpanOptions, exhaustive: boolean): readonly Span[] {
  if (raw.length === 0) return NO_SPANS;
  // The pre-pass over the raw text also tells whether normalizing can change it (most cells:
  // ASCII, Han and CJK punctuation only); only then is the text normalized and read again.
  const scan = cellScanAt(0).scan(raw, exhaustive);
  let map = OffsetMap.IDENTITY;
  if (scan.foldable) {
    const normalized = normalizeText(raw);
    map = normalized.map;
    if (!map.isIdentity) scan.scan(normalized.text, exhaustive);
  }
  const found = scanScanned(scan, options, 0, exhaustive);
  // Most cells hold nothing: no list, set or array is built for them.
  if (found.length === 0) return NO_SPANS;
  const wanted = options.kinds === undefined ? undefined : new Set(options.kinds);
  const spans: Span[] = [];
  for (const span of resolveOverlaps(found)) {
    if (wanted !== undefined && !wanted.has(span.kind)) continue;
    const start = map.sourceStart(span.start);
    const end = map.sourceEnd(span.end);
    spans.push({ kind: span.kind, start, end, text: raw.slice(start, end) });
  }
  return spans;
}

/** Decoding depth: base64 inside percent-encoding is searched, a third layer is not. */
const MAX_DEPTH = 2;

/**
 * Findings in `text` (already normalized) in its own offsets, decoded layers included.
 * `exhaustive` makes every finder visit every position (see CellScan): the same findings, slower.
 */
export function scanText(
  text: string,
  options: SpanOptions,
  depth: number,
  exhaustive = false,
): RawSpan[] {
  return scanScanned(cellScanAt(depth).scan(text, exhaustive), options, depth, exhaustive);
}

/** scanText over a text the pre-pass has read (scan.text). */
function scanScanned(
  scan: CellScan,
  options: SpanOptions,
  depth: number,
  exhaustive: boolean,
): RawSpan[] {
  const out: RawSpan[] = [];
  const input: ScanInput = {
    text: scan.text,
    todayYmd: options.todayYmd ?? NO_DATE_LIMIT,
    context: options.context ?? '',
    out,
    scan,
    options,
    depth,
    exhaustive,
  };
  // Each finder needs some class of character; most values lack several.
  const { classes } = scan;
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
    if (digits || letters) findEncodedSpans(input);
    if ((han || letters) && scan.numeralLookalikes) findNumeralSpans(input);
  }
  return out;
}

/**
 * Findings in `decoded` (a decoded piece of input.text, read one level deeper) in input.text's offsets;
 * `context` (a JSON key) stands in for the caller's when not empty.
 */
export function scanDecoded(
  decoded: string,
  map: OffsetMap,
  context: string,
  input: ScanInput,
): RawSpan[] {
  const options = context === '' ? input.options : { ...input.options, context };
  const spans = scanText(decoded, options, input.depth + 1, input.exhaustive);
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    spans[k] = {
      kind: span.kind,
      start: map.sourceStart(span.start),
      end: map.sourceEnd(span.end),
    };
  }
  return spans;
}
