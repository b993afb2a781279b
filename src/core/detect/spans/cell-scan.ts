// One pass over a text that every span finder reads: the classes it holds and where each finder may start.
import { classOf, DIGIT, LETTER, LETTER_X } from '../value-shape.js';
import { STARTS_A_LABEL } from './labels.js';
import { STARTS_A_CUE_OR_TITLE } from './name-cues.js';
import { LOOKALIKE, NUMERAL } from './numerals.js';
import { PLATE_PROVINCES } from './token-spans.js';

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

  /** Reads `text`; `exhaustive` puts every position in every list. */
  scan(text: string, exhaustive: boolean): this {
    this.text = text;
    this.numeralLookalikes = false;
    const lists = [
      this.digitRuns,
      this.tokenStarts,
      this.labelStarts,
      this.nameStarts,
      this.base64Runs,
    ];
    for (const list of lists) list.count = 0;
    if (exhaustive) return this.scanExhaustive(text, lists);
    const { digitRuns, tokenStarts, labelStarts, nameStarts, base64Runs } = this;
    let classes = 0;
    let previous = 0;
    let lookalikes = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const kind = ASCII_KIND[c];
        classes |= ASCII_CLASS[c];
        if (kind !== 0) {
          const before = ASCII_KIND[previous < 128 ? previous : 0];
          if ((kind & DIGIT_KIND) !== 0) {
            if ((before & DIGIT_KIND) === 0) digitRuns.push(i);
            if ((before & LOOKALIKE_KIND) !== 0 && !isLetterAt(text, i - 2)) lookalikes = true;
          }
          if ((kind & ALNUM_KIND) !== 0 ? (before & ALNUM_KIND) === 0 : kind === COLON_KIND)
            tokenStarts.push(i);
          if ((kind & LETTER_KIND) !== 0 && (before & LETTER_KIND) === 0) {
            nameStarts.push(i);
            if (STARTS_A_LABEL[c] !== 0) labelStarts.push(i);
          }
          if ((kind & BASE64_KIND) !== 0 && (before & BASE64_KIND) === 0) base64Runs.push(i);
          if (
            (kind & LOOKALIKE_KIND) !== 0 &&
            (before & DIGIT_KIND) !== 0 &&
            !isLetterAt(text, i + 1)
          )
            lookalikes = true;
        }
      } else {
        classes |= classOf(c);
        const marks = NON_ASCII_MARKS[c];
        if (marks !== 0) {
          if ((marks & PLATE_MARK) !== 0) tokenStarts.push(i);
          if ((marks & LABEL_MARK) !== 0) labelStarts.push(i);
          if ((marks & NAME_MARK) !== 0) nameStarts.push(i);
          if ((marks & NUMERAL_MARK) !== 0) lookalikes = true;
        }
      }
      previous = c;
    }
    this.classes = classes;
    this.numeralLookalikes = lookalikes;
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
    return this;
  }
}

function isLetterAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const c = text.charCodeAt(at);
  return c < 128 && (ASCII_KIND[c] & LETTER_KIND) !== 0;
}

const DIGIT_KIND = 1;
const LETTER_KIND = 2;
const ALNUM_KIND = 4;
const BASE64_KIND = 8;
/** O, o, l, I: letters typed for 0 and 1 beside digits (numeral-spans.ts). */
const LOOKALIKE_KIND = 16;
const COLON_KIND = 32;

const ASCII_KIND: Uint8Array = (() => {
  const kinds = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const classes = classOf(c);
    if ((classes & DIGIT) !== 0) kinds[c] |= DIGIT_KIND | ALNUM_KIND | BASE64_KIND;
    if ((classes & (LETTER | LETTER_X)) !== 0) kinds[c] |= LETTER_KIND | ALNUM_KIND | BASE64_KIND;
  }
  for (const c of '+/_') kinds[c.charCodeAt(0)] |= BASE64_KIND;
  kinds[58] = COLON_KIND;
  for (let c = 0; c < 128; c++) if (LOOKALIKE[c] !== 0) kinds[c] |= LOOKALIKE_KIND;
  return kinds;
})();

const ASCII_CLASS: Uint16Array = (() => {
  const classes = new Uint16Array(128);
  for (let c = 0; c < 128; c++) classes[c] = classOf(c);
  return classes;
})();

const PLATE_MARK = 1;
const LABEL_MARK = 2;
const NAME_MARK = 4;
const NUMERAL_MARK = 8;

const NON_ASCII_MARKS: Uint8Array = (() => {
  const marks = new Uint8Array(0x10000);
  for (let c = 128; c < 0x10000; c++) {
    if (PLATE_PROVINCES[c] !== 0) marks[c] |= PLATE_MARK;
    if (NUMERAL[c] !== 0) marks[c] |= NUMERAL_MARK;
    if (STARTS_A_LABEL[c] !== 0) marks[c] |= LABEL_MARK;
    if (STARTS_A_CUE_OR_TITLE[c] !== 0) marks[c] |= NAME_MARK;
  }
  return marks;
})();

/** One scan per decoding depth: a finder still reads its text's lists while a decoded one is scanned. */
const SCANS: CellScan[] = [];

/** The reusable scan for texts at `depth` (0: the cell, 1+: decoded pieces). */
export function cellScanAt(depth: number): CellScan {
  while (SCANS.length <= depth) SCANS.push(new CellScan());
  return SCANS[depth];
}
