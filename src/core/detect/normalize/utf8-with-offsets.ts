// Strict UTF-8 decoding that remembers which source characters each decoded code unit came from.
import type { OffsetMap } from './offset-map.js';
import { OffsetMapBuilder } from './offset-map.js';

/**
 * Decodes `bytes` as UTF-8; byte k came from source[byteStarts[k], byteEnds[k]). Returns the text
 * and its map, or undefined when the bytes are not valid UTF-8 (overlong forms, surrogates,
 * truncated sequences) or decode to a control character other than tab and line breaks: random
 * bytes (a hash read as base64) then fail fast instead of yielding noise to search.
 */
export function decodeUtf8WithOffsets(
  bytes: Uint8Array,
  byteStarts: Int32Array,
  byteEnds: Int32Array,
): { text: string; map: OffsetMap } | undefined {
  const map = new OffsetMapBuilder(bytes.length);
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    let codePoint: number;
    let size: number;
    if (lead < 0x80) {
      codePoint = lead;
      size = 1;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      codePoint = lead & 0x1f;
      size = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      codePoint = lead & 0x0f;
      size = 3;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      codePoint = lead & 0x07;
      size = 4;
    } else return undefined;
    if (i + size > bytes.length) return undefined;
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return undefined;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (
      (size === 3 && (codePoint < 0x800 || (codePoint >= 0xd800 && codePoint < 0xe000))) ||
      (size === 4 && (codePoint < 0x10000 || codePoint > 0x10ffff))
    )
      return undefined;
    if (
      (codePoint < 32 && codePoint !== 9 && codePoint !== 10 && codePoint !== 13) ||
      codePoint === 127
    )
      return undefined;
    if (codePoint >= 0x80 && codePoint < 0xa0) return undefined;
    const character = String.fromCodePoint(codePoint);
    text += character;
    for (let k = 0; k < character.length; k++) map.push(byteStarts[i], byteEnds[i + size - 1]);
    i += size;
  }
  return { text, map: map.build() };
}
