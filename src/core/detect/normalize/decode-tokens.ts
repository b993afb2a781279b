// Encoded forms an identifier hides in: base64, hex, percent-encoding, \u escapes, scientific notation.
import { OffsetMap, OffsetMapBuilder } from './offset-map.js';
import { decodeUtf8WithOffsets } from './utf8-with-offsets.js';

/** A decoded piece of a text: what it says and where each of its code units came from. */
export interface DecodedText {
  readonly text: string;
  readonly map: OffsetMap;
}

const BASE64_VALUES: Int8Array = (() => {
  const values = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 64; i++) values[alphabet.charCodeAt(i)] = i;
  values[43] = 62; // +
  values[47] = 63; // /
  values[45] = 62; // - (URL-safe)
  values[95] = 63; // _ (URL-safe)
  return values;
})();

/**
 * text[start, end) read as base64 (standard or URL-safe, padded or not) decoding to UTF-8 text,
 * or undefined. Spans in it map to the whole token: a base64 character does not correspond to
 * one decoded character.
 */
export function decodeBase64Token(
  text: string,
  start: number,
  end: number,
): DecodedText | undefined {
  if (!base64MayBeText(text, start, end)) return undefined;
  let stop = end;
  while (stop > start && text.charCodeAt(stop - 1) === 61) stop--;
  const length = stop - start;
  if (length < 8 || length % 4 === 1 || end - stop > 2) return undefined;
  const bytes = new Uint8Array(Math.floor((length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let count = 0;
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    const value = c < 128 ? BASE64_VALUES[c] : -1;
    if (value < 0) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[count++] = (buffer >> bits) & 0xff;
    }
  }
  return decodeBytes(bytes.subarray(0, count), start, end);
}

/**
 * A quick test before decoding: the first up-to-12 bytes text[start, end) decodes to are
 * printable ASCII or UTF-8 lead and continuation bytes in order. Most base64-shaped tokens in
 * data (order numbers, codes) fail on their first or second byte, with nothing allocated.
 */
function base64MayBeText(text: string, start: number, end: number): boolean {
  let buffer = 0;
  let bits = 0;
  let bytes = 0;
  let continuation = 0;
  for (let i = start; i < end && bytes < 12; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) break;
    const value = c < 128 ? BASE64_VALUES[c] : -1;
    if (value < 0) return false;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const byte = (buffer >> bits) & 0xff;
    bytes++;
    if (continuation > 0) {
      if ((byte & 0xc0) !== 0x80) return false;
      continuation--;
    } else if (byte >= 0xc2 && byte <= 0xf4) continuation = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1;
    else if (byte < 32 || byte >= 127) {
      if (byte !== 9 && byte !== 10 && byte !== 13) return false;
    }
  }
  return true;
}

/** text[start, end) read as hex pairs decoding to UTF-8 text, or undefined. */
export function decodeHexToken(text: string, start: number, end: number): DecodedText | undefined {
  const length = end - start;
  if (length < 16 || length % 2 !== 0) return undefined;
  const bytes = new Uint8Array(length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(text.charCodeAt(start + 2 * i));
    const low = hexValue(text.charCodeAt(start + 2 * i + 1));
    if (high < 0 || low < 0) return undefined;
    bytes[i] = high * 16 + low;
  }
  return decodeBytes(bytes, start, end);
}

function decodeBytes(bytes: Uint8Array, start: number, end: number): DecodedText | undefined {
  const starts = new Int32Array(bytes.length).fill(start);
  const ends = new Int32Array(bytes.length).fill(end);
  const decoded = decodeUtf8WithOffsets(bytes, starts, ends);
  // Four bytes at least: two Han characters (a name) are six.
  if (decoded === undefined || bytes.length < 4) return undefined;
  return { text: decoded.text, map: OffsetMap.constant(decoded.text.length, start, end) };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const ENCODER = new TextEncoder();

/**
 * `text` with every %XX sequence decoded as UTF-8 (other characters kept), each decoded
 * character mapped to its own %XX%XX%XX: undefined when there is none or the bytes are invalid.
 */
export function decodePercentEncoding(text: string): DecodedText | undefined {
  if (text.indexOf('%') < 0) return undefined;
  const bytes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let escapes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 37 && i + 2 < text.length) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        bytes.push(high * 16 + low);
        starts.push(i);
        ends.push(i + 3);
        escapes++;
        i += 2;
        continue;
      }
    }
    if (c >= 128) {
      // Other text around the escapes goes through as its own UTF-8 bytes.
      const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? 2 : 1;
      for (const byte of ENCODER.encode(text.slice(i, i + pair))) {
        bytes.push(byte);
        starts.push(i);
        ends.push(i + pair);
      }
      i += pair - 1;
      continue;
    }
    bytes.push(c);
    starts.push(i);
    ends.push(i + 1);
  }
  if (escapes < 2) return undefined;
  return decodeUtf8WithOffsets(
    Uint8Array.from(bytes),
    Int32Array.from(starts),
    Int32Array.from(ends),
  );
}

/** `text` with \uXXXX (JSON, JavaScript) escapes decoded, each character mapped to its escape; undefined if none. */
export function decodeUnicodeEscapes(text: string): DecodedText | undefined {
  if (text.indexOf('\\u') < 0) return undefined;
  const map = new OffsetMapBuilder(text.length);
  let out = '';
  let escapes = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 117 && i + 5 < text.length + 0) {
      const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
      if (/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(code);
        map.push(i, i + 6);
        escapes++;
        i += 5;
        continue;
      }
    }
    out += text[i];
    map.push(i, i + 1);
  }
  return escapes === 0 ? undefined : { text: out, map: map.build() };
}

/**
 * The digits of a number Excel wrote in scientific notation (1.10105194912310E+17 →
 * 110105194912310000), with the count of significant digits it kept; undefined for anything
 * else. The digits past the significant ones are zeros: what the spreadsheet lost.
 */
export function expandScientific(
  token: string,
): { digits: string; significant: number } | undefined {
  const match = /^(\d)\.(\d+)[eE]\+?(\d{1,2})$/.exec(token);
  if (match === null) return undefined;
  const mantissa = match[1] + match[2];
  const exponent = Number(match[3]);
  if (exponent + 1 < mantissa.length) return undefined;
  return {
    digits: mantissa.padEnd(exponent + 1, '0'),
    significant: mantissa.replace(/0+$/, '').length,
  };
}
