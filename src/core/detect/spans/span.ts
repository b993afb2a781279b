// What span detection returns (an identifier's kind and exact place in the original string) and takes.
import type { IdentifierKind } from '../kinds.js';
import type { CellScan } from './cell-scan.js';

/**
 * One identifier found inside a string. `start`/`end` are UTF-16 offsets into the string that was
 * passed in (not its normalized form), end exclusive, so `raw.slice(start, end) === text` and a
 * scrub replaces exactly that range; invisible characters inside the identifier are included.
 * For an identifier found inside an encoded token (base64, hex), the span is the whole token.
 */
export interface Span {
  readonly kind: IdentifierKind;
  readonly start: number;
  readonly end: number;
  /** The original characters, `raw.slice(start, end)`. */
  readonly text: string;
}

export interface SpanOptions {
  /** Only these kinds are reported (default: every kind). */
  readonly kinds?: readonly IdentifierKind[];
  /**
   * Today as YYYYMMDD, for "a birth date is not in the future". Default: 2100-12-31, so a
   * resident ID with a birth date after today is still found (what a scrub wants).
   */
  readonly todayYmd?: number;
  /**
   * The column header or JSON key the text sits under: it stands as a label before the text
   * (`qq` makes a bare 5–11 digit value a QQ number).
   */
  readonly context?: string;
}

/** A finding in scanner coordinates (the normalized or decoded text being scanned). */
export interface RawSpan {
  readonly kind: IdentifierKind;
  readonly start: number;
  readonly end: number;
}

/** What every finder receives: the text, where to put findings, and the options. */
export interface ScanInput {
  readonly text: string;
  readonly todayYmd: number;
  /** The label standing before the text (SpanOptions.context), or ''. */
  readonly context: string;
  readonly out: RawSpan[];
  /** The pre-pass over `text`: where each finder may start. */
  readonly scan: CellScan;
  /** What the scan was asked (decoded pieces inherit it), its decoding depth and mode (scanText). */
  readonly options: SpanOptions;
  readonly depth: number;
  readonly exhaustive: boolean;
}
