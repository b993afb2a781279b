// One pass over a text that every span finder reads: the classes it holds and where each finder may start.
import { foldingOf, KEEP } from '../normalize/character-folding.js';
import { classOf, DIGIT, DOT, HAN, LETTER, LETTER_X } from '../value-shape.js';
import { isDigit, isHexDigit } from './characters.js';
import { LABEL_LETTER_RUNS, SECOND_OF_LABEL, STARTS_A_LABEL } from './labels.js';
import { MIN_BASE64 } from './encoded-spans.js';
import {
  ASCII_CUES,
  MAX_ROMANIZED_WORD,
  SECOND_OF_CUE_OR_TITLE,
  STARTS_A_CUE_OR_TITLE,
} from './name-cues.js';
import { LOOKALIKE, NUMERAL } from './numerals.js';
import { isClassifiedWidth, isInterleavedWidth, PLATE_PROVINCES } from './token-spans.js';

/** Positions in a text, in increasing order; the array is reused from text to text. */
export class PositionList {
  at = new Int32Array(64);
  count = 0;

  push(position: number): void {
    if (this.count === this.at.length) {
      const grown = new Int32Array(this.at.length * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[this.count++] = position;
  }
}

/**
 * What the finders need to know before reading a text, from one pass over its code units. Each
 * list holds every position where its finder's main loop would do anything (the finder still
 * tests the position itself), so a finder visits a handful of places instead of every character,
 * and a finder whose list is empty costs nothing. In exhaustive mode every list holds every
 * position: the finders then behave as their own full scans did (the oracle the tests compare
 * against, test/core/detect/spans/cell-scan.test.ts).
 */
export class CellScan {
  text = '';
  /** The union of value-shape classes (value-shape.ts) of the text's code units. */
  classes = 0;
  /** Starts of ASCII digit runs. */
  readonly digitRuns = new PositionList();
  /** Starts of ASCII letter-or-digit runs, colons, and plate province characters (token-spans.ts). */
  readonly tokenStarts = new PositionList();
  /** First characters of labels (labels.ts); an ASCII one only where a letter run starts. */
  readonly labelStarts = new PositionList();
  /** Where an ASCII letter run starts, or a cue or title may (name-spans.ts). */
  readonly nameStarts = new PositionList();
  /** Starts of runs of base64 characters (encoded-spans.ts). */
  readonly base64Runs = new PositionList();
  /**
   * True when a character may stand for a digit the ASCII digits do not already show: a Chinese
   * numeral, or O/o/l/I next to an ASCII digit and not inside a word (numeral-spans.ts has
   * nothing to do otherwise).
   */
  numeralLookalikes = false;
  /**
   * False when normalizeText would return the text unchanged (ASCII and Han only, or other
   * characters it keeps); true when it may not.
   */
  foldable = false;
  /**
   * True when something may stand for an e-mail's `@`: `@`, `#`, "at" in any case, 艾(特), 圈(a)
   * (obfuscated-email-spans.ts has nothing to do otherwise).
   */
  emailStandIns = false;

  /** Reads `text`; `exhaustive` puts every position in every list. */
  scan(text: string, exhaustive: boolean): this {
    this.text = text;
    this.numeralLookalikes = false;
    this.foldable = true;
    const { digitRuns, tokenStarts, labelStarts, nameStarts, base64Runs } = this;
    digitRuns.count = 0;
    tokenStarts.count = 0;
    labelStarts.count = 0;
    nameStarts.count = 0;
    base64Runs.count = 0;
    if (exhaustive)
      return this.scanExhaustive(text, [
        digitRuns,
        tokenStarts,
        labelStarts,
        nameStarts,
        base64Runs,
      ]);
    const length = text.length;
    let classes = 0;
    /** CHARACTERS entry and kind of the character before. */
    let previous = 0;
    let before = 0;
    let tokenStart = 0;
    /** Whether the current token may start a MAC or IPv6 address (see isUnreadToken). */
    let tokenNetwork = false;
    let base64Start = 0;
    /** Whether the current base64 run follows `digit.` (the fraction of scientific notation). */
    let base64Fraction = false;
    /** Start of the current ASCII letter run; whether it is a name start, its label widths. */
    let letterStart = 0;
    let nameRun = false;
    let labelWidths = 0;
    let lookalikes = false;
    let foldable = false;
    let standIns = false;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      const entry = CHARACTERS[c];
      classes |= entry;
      // Most characters (Han, punctuation) start nothing and end a run only after a letter or digit.
      if (entry < 1 << KIND_SHIFT && before === 0) {
        previous = entry;
        continue;
      }
      const kind = (entry >>> KIND_SHIFT) & KIND_MASK;
      // A letter after a letter or a digit after a digit continues its run: no list changes,
      // only "at" (standing for @) can be completed.
      if ((kind & before & ALNUM_KIND) !== 0 && ((kind ^ before) & DIGIT_KIND) === 0) {
        if ((c | 32) === 116 && (text.charCodeAt(i - 1) | 32) === 97) standIns = true;
        previous = entry;
        before = kind;
        continue;
      }
      // A run that ends here is the last in its list: kept only if its finder would read it.
      if ((before & LETTER_KIND) !== 0 && (kind & LETTER_KIND) === 0) {
        const width = i - letterStart;
        if (nameRun && !mayStartNameWord(width, c)) nameStarts.count--;
        if (labelWidths !== 0 && !isLabelWidth(labelWidths, width)) labelStarts.count--;
      }
      if (
        (before & ALNUM_KIND) !== 0 &&
        (kind & ALNUM_KIND) === 0 &&
        isUnreadToken(text, tokenStart, i, tokenNetwork)
      )
        tokenStarts.count--;
      // A base64 run too short to decode (12 characters with up to two `=`), not the fraction
      // of a number in scientific notation (1.10105194912310E+17): findTokens does nothing with it.
      if (
        (before & BASE64_KIND) !== 0 &&
        (kind & BASE64_KIND) === 0 &&
        i - base64Start < MIN_BASE64 - 2 &&
        !base64Fraction
      )
        base64Runs.count--;
      if (entry >= 1 << KIND_SHIFT) {
        if (kind !== 0) {
          if ((kind & DIGIT_KIND) !== 0) {
            if ((before & DIGIT_KIND) === 0) digitRuns.push(i);
            if ((before & LOOKALIKE_KIND) !== 0 && !isLetterAt(text, i - 2)) lookalikes = true;
          }
          if ((kind & ALNUM_KIND) !== 0) {
            if ((before & ALNUM_KIND) === 0) {
              // A plate's province counts only before a letter (津A12345).
              if ((previous & PLATE_MARK) !== 0 && (kind & LETTER_KIND) !== 0)
                tokenStarts.push(i - 1);
              tokenStarts.push(i);
              tokenStart = i;
              // The character before is no letter or digit (a run starts): a colon is all it can
              // be that rules an address out (mayStartNetworkAddress).
              tokenNetwork = (entry & HEX_MARK) !== 0 && before !== COLON_KIND;
            }
          } else if (kind === COLON_KIND) tokenStarts.push(i);
          // "at" standing for an e-mail's @ (zhangwei at qq dot com).
          if ((c | 32) === 116 && (text.charCodeAt(i - 1) | 32) === 97) standIns = true;
          if ((kind & LETTER_KIND) !== 0 && (before & LETTER_KIND) === 0) {
            letterStart = i;
            nameRun = (kind & NAME_LETTER_KIND) !== 0;
            if (nameRun) nameStarts.push(i);
            labelWidths = (kind & LABEL_LETTER_KIND) !== 0 ? LABEL_LETTER_RUNS[c] : 0;
            if (labelWidths !== 0) labelStarts.push(i);
          }
          if ((kind & BASE64_KIND) !== 0 && (before & BASE64_KIND) === 0) {
            base64Runs.push(i);
            base64Start = i;
            base64Fraction = (previous & DOT) !== 0 && i >= 2 && isDigit(text.charCodeAt(i - 2));
          }
          if (
            (kind & LOOKALIKE_KIND) !== 0 &&
            (before & DIGIT_KIND) !== 0 &&
            !isLetterAt(text, i + 1)
          )
            lookalikes = true;
        } else {
          // A label, cue or title has a second character (or a colon after a one-letter label).
          const next = text.charCodeAt(i + 1);
          if ((entry & LABEL_MARK) !== 0 && SECOND_OF_LABEL[next] === 1) labelStarts.push(i);
          if ((entry & NAME_MARK) !== 0 && SECOND_OF_CUE_OR_TITLE[next] === 1) nameStarts.push(i);
          if ((entry & NUMERAL_MARK) !== 0) lookalikes = true;
          if ((entry & STAND_IN_MARK) !== 0) standIns = true;
          if ((entry & FOLD_CHECK) !== 0 && !foldable)
            foldable = (c >= 0xd800 && c < 0xe000) || foldingOf(c) !== KEEP;
        }
      }
      previous = entry;
      before = kind;
    }
    if ((before & LETTER_KIND) !== 0) {
      const width = length - letterStart;
      if (nameRun && !mayStartNameWord(width, NaN)) nameStarts.count--;
      if (labelWidths !== 0 && !isLabelWidth(labelWidths, width)) labelStarts.count--;
    }
    if ((before & ALNUM_KIND) !== 0 && isUnreadToken(text, tokenStart, length, tokenNetwork))
      tokenStarts.count--;
    if ((before & BASE64_KIND) !== 0 && length - base64Start < MIN_BASE64 - 2 && !base64Fraction)
      base64Runs.count--;
    this.classes = classes & CLASS_MASK;
    this.numeralLookalikes = lookalikes;
    this.foldable = foldable;
    this.emailStandIns = standIns;
    return this;
  }

  private scanExhaustive(text: string, lists: readonly PositionList[]): this {
    let classes = 0;
    for (let i = 0; i < text.length; i++) {
      classes |= classOf(text.charCodeAt(i));
      for (const list of lists) list.push(i);
    }
    this.classes = classes;
    this.numeralLookalikes = true;
    this.emailStandIns = true;
    return this;
  }
}

/** Bits of CHARACTERS: the value-shape class, ASCII kinds, then marks of other characters. */
const CLASS_MASK = 0xffff;
const KIND_SHIFT = 16;
const KIND_MASK = 0xff;
const DIGIT_KIND = 1;
const LETTER_KIND = 2;
const ALNUM_KIND = 4;
const BASE64_KIND = 8;
/** O, o, l, I: letters typed for 0 and 1 beside digits (numeral-spans.ts). */
const LOOKALIKE_KIND = 16;
const COLON_KIND = 32;
/** An ASCII letter some label starts with (QQ, wx, Tel). */
const LABEL_LETTER_KIND = 64;
/** A capital (a romanized name starts with one) or the first letter of an English cue (name-cues.ts). */
const NAME_LETTER_KIND = 128;
const PLATE_MARK = 1 << 24;
const LABEL_MARK = 1 << 25;
const NAME_MARK = 1 << 26;
const NUMERAL_MARK = 1 << 27;
/** @, #, 艾, 圈: what may stand for an e-mail's @ (besides "at"). */
const STAND_IN_MARK = 1 << 29;
/** A character normalizeText may rewrite (not ASCII, not Han): foldingOf decides. */
const FOLD_CHECK = 1 << 28;
/** An ASCII hex digit: a MAC or IPv6 address may start with it. */
const HEX_MARK = 1 << 30;

const ASCII_CUE_LETTERS = ASCII_CUES.map((cue) => cue.charCodeAt(0));

/**
 * Punctuation of Chinese text that normalizeText keeps (，。、：；「」…, general punctuation): asked
 * once here, so a sentence's punctuation costs the pre-pass nothing. Other characters are asked
 * when met (foldingOf classifies lazily).
 */
function isKeptPunctuation(c: number): boolean {
  const punctuation = (c >= 0x2000 && c < 0x2070) || (c >= 0x3000 && c < 0x3040) || c >= 0xff00;
  return punctuation && !(c >= 0xd800 && c < 0xe000) && foldingOf(c) === KEEP;
}

/** Per code unit, its class, kind and marks: one load per character of the pre-pass. */
const CHARACTERS: Int32Array = (() => {
  const table = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const classes = classOf(c);
    let entry = classes;
    if (c < 128) {
      let kind = 0;
      if ((classes & DIGIT) !== 0) kind |= DIGIT_KIND | ALNUM_KIND | BASE64_KIND;
      if ((classes & (LETTER | LETTER_X)) !== 0) kind |= LETTER_KIND | ALNUM_KIND | BASE64_KIND;
      if (c === 43 || c === 47 || c === 95) kind |= BASE64_KIND; // + / _
      if (c === 58) kind = COLON_KIND;
      if (LOOKALIKE[c] !== 0) kind |= LOOKALIKE_KIND;
      if ((kind & LETTER_KIND) !== 0 && STARTS_A_LABEL[c] !== 0) kind |= LABEL_LETTER_KIND;
      if ((kind & LETTER_KIND) !== 0 && (c <= 90 || ASCII_CUE_LETTERS.includes(c)))
        kind |= NAME_LETTER_KIND;
      entry |= kind << KIND_SHIFT;
    } else {
      if (PLATE_PROVINCES[c] !== 0) entry |= PLATE_MARK;
      if (STARTS_A_LABEL[c] !== 0) entry |= LABEL_MARK;
      if (STARTS_A_CUE_OR_TITLE[c] !== 0) entry |= NAME_MARK;
      if (NUMERAL[c] !== 0) entry |= NUMERAL_MARK;
      if ((classes & HAN) === 0 && !isKeptPunctuation(c)) entry |= FOLD_CHECK;
    }
    if (c === 64 || c === 35 || c === 0x827e || c === 0x5708) entry |= STAND_IN_MARK; // @ # 艾 圈
    if (c < 128 && isHexDigit(c)) entry |= HEX_MARK;
    table[c] = entry;
  }
  return table;
})();

function isLetterAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  return ((CHARACTERS[text.charCodeAt(at)] >>> KIND_SHIFT) & LETTER_KIND) !== 0;
}

/**
 * Whether findNameSpans may find something at an ASCII letter run of `width` letters ended by
 * `after` (NaN at the text's end): a romanized name's first word (romanizedName) is at most
 * MAX_ROMANIZED_WORD + 1 letters, then a space or `-`; an English cue (asciiCueAt: shorter
 * still) is followed by a space, a colon or `：`, or goes on with `.` or a space (mr., patient
 * name). Other runs (WO20240512, mmol/L) start neither.
 */
function mayStartNameWord(width: number, after: number): boolean {
  return (
    width <= MAX_ROMANIZED_WORD + 1 &&
    (after === 32 || after === 45 || after === 46 || after === 58 || after === 0xff1a)
  );
}

/** Whether a run of `width` letters is as long as a label's letters (LABEL_LETTER_RUNS bits). */
function isLabelWidth(widths: number, width: number): boolean {
  return width < 32 && ((widths >>> width) & 1) !== 0;
}

/**
 * True when findTokenSpans would read the letter-or-digit run text[start, end) and find nothing
 * whatever it holds: five characters or more but not a length it classifies (nor an ID with
 * letters between its digits), or shorter and neither `wxid` before `_` nor the start of a
 * network address. `network` tells whether the run starts with a hex digit after no colon; then
 * mayStartNetworkAddress's separator — a colon within the first five characters, `-` or `:` at
 * the third, `.` at the fifth — can only stand after the run (the run's own characters are
 * letters and digits), so only those few characters are read.
 */
function isUnreadToken(text: string, start: number, end: number, network: boolean): boolean {
  const width = end - start;
  if (width >= 5) return !isClassifiedWidth(width) && !isInterleavedWidth(width);
  if (width === 4 && text.charCodeAt(end) === 95) return false;
  if (!network) return true;
  const limit = Math.min(start + 5, text.length);
  for (let at = end; at < limit; at++) {
    const c = text.charCodeAt(at);
    if (c === 58 || (c === 45 && at === start + 2) || (c === 46 && at === start + 4)) return false;
  }
  return true;
}

/** One scan per decoding depth: a finder still reads its text's lists while a decoded one is scanned. */
const SCANS: CellScan[] = [];

/** The reusable scan for texts at `depth` (0: the cell, 1+: decoded pieces). */
export function cellScanAt(depth: number): CellScan {
  while (SCANS.length <= depth) SCANS.push(new CellScan());
  return SCANS[depth];
}
