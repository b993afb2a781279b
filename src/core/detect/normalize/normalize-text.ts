// NFKC, invisible characters removed, dashes folded: the text every detector reads, with its offset map.
import { foldAstral, foldingOf, KEEP, REMOVE, replacementOf } from './character-folding.js';
import { OffsetMap, OffsetMapBuilder } from './offset-map.js';

/** A text as detectors read it, and where each of its code units came from in the original. */
export interface NormalizedText {
  readonly text: string;
  readonly map: OffsetMap;
}

/**
 * `raw` with each character replaced by its NFKC form (full-width digits and letters become
 * ASCII, the ideographic space a space), format characters and combining marks removed (zero-width
 * spaces, joiners, bidi controls, soft hyphens: an attacker puts them inside an ID so no pattern
 * matches), and dashes NFKC leaves alone folded to `-`. Characters are folded one at a time so
 * every output code unit knows its source range; a removed character widens the range of the
 * character before it, so a span that covers both ends covers what was removed between them.
 * Returns `raw` itself with the identity map when nothing changes (most values: ASCII and common
 * Han are checked by range, without a table load).
 */
export function normalizeText(raw: string): NormalizedText {
  const length = raw.length;
  let i = 0;
  for (; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c < 0xa000)) continue;
    if (c >= 0xd800 && c < 0xdc00) {
      if (i + 1 < length && foldAstral(raw.codePointAt(i)!) !== null) break;
      i++;
      continue;
    }
    if (c >= 0xdc00 && c < 0xe000) continue;
    if (foldingOf(c) !== KEEP) break;
  }
  if (i === length) return { text: raw, map: OffsetMap.IDENTITY };

  const map = new OffsetMapBuilder(length + 8);
  for (let k = 0; k < i; k++) map.push(k, k + 1);
  let text = raw.slice(0, i);
  while (i < length) {
    const c = raw.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < length) {
      const low = raw.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        const folded = foldAstral(raw.codePointAt(i)!);
        if (folded === null) {
          text += raw.slice(i, i + 2);
          map.push(i, i + 2);
          map.push(i, i + 2);
        } else if (folded === '') map.extendLast(i + 2);
        else appendReplacement(folded, i, i + 2);
        i += 2;
        continue;
      }
    }
    const folding = c < 0x80 ? KEEP : foldingOf(c);
    if (folding === KEEP) {
      text += raw[i];
      map.push(i, i + 1);
    } else if (folding === REMOVE) map.extendLast(i + 1);
    else appendReplacement(replacementOf(c), i, i + 1);
    i++;
  }
  return { text, map: map.build() };

  function appendReplacement(replacement: string, start: number, end: number): void {
    text += replacement;
    for (let k = 0; k < replacement.length; k++) map.push(start, end);
  }
}
