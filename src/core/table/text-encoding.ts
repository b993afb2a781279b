// Character-set detection and decoding for uploads: BOM, then strict UTF-8, then GB18030 (Chinese exports).
import { TableError } from './table-error.js';

/** The encodings a caller may force; `auto` runs the detection order below. */
export type TextEncodingName = 'auto' | 'utf-8' | 'gb18030' | 'gbk' | 'utf-16le' | 'utf-16be';

const KNOWN: ReadonlySet<string> = new Set(['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']);

/** Parses a user-supplied encoding label (case-insensitive, `utf8` and `gb2312` accepted as aliases). */
export function toTextEncodingName(label: string): TextEncodingName {
  const lower = label.trim().toLowerCase();
  const alias: Record<string, TextEncodingName> = {
    auto: 'auto',
    utf8: 'utf-8',
    'utf-8': 'utf-8',
    gb2312: 'gbk',
    gbk: 'gbk',
    gb18030: 'gb18030',
    'utf-16le': 'utf-16le',
    'utf-16be': 'utf-16be',
  };
  const name = alias[lower];
  if (!name)
    throw new TableError('table_unknown_encoding', `unknown encoding "${label}"`, {
      details: { encoding: label, want: ['auto', ...KNOWN] },
    });
  return name;
}

/**
 * Decides the encoding of `bytes`: a byte-order mark wins; else the bytes are UTF-8 if they decode
 * strictly as UTF-8 (ASCII included); else GB18030, the superset of GBK/GB2312 that Chinese
 * spreadsheet exports use. Returns the name and how many BOM bytes to skip.
 */
export function detectEncoding(bytes: Uint8Array): {
  encoding: TextEncodingName;
  bomBytes: number;
} {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bomBytes: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', bomBytes: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomBytes: 0 };
  } catch {
    return { encoding: 'gb18030', bomBytes: 0 };
  }
}

/**
 * Decodes `bytes` as text. With `auto` (the default) the encoding is detected; a forced encoding
 * still skips its own BOM. Undecodable bytes are a `table_undecodable` error with the byte offset
 * of the first bad sequence, never silent replacement characters.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncodingName = 'auto',
): { text: string; encoding: Exclude<TextEncodingName, 'auto'> } {
  let chosen: Exclude<TextEncodingName, 'auto'>;
  let skip = 0;
  if (encoding === 'auto') {
    const detected = detectEncoding(bytes);
    chosen = detected.encoding as Exclude<TextEncodingName, 'auto'>;
    skip = detected.bomBytes;
  } else {
    if (!KNOWN.has(encoding)) toTextEncodingName(encoding);
    chosen = encoding;
    const bom = detectEncoding(bytes.subarray(0, 3));
    if (bom.bomBytes > 0 && bom.encoding === chosen) skip = bom.bomBytes;
  }
  const body = bytes.subarray(skip);
  try {
    return { text: new TextDecoder(chosen, { fatal: true }).decode(body), encoding: chosen };
  } catch {
    throw new TableError(
      'table_undecodable',
      `the input is not valid ${chosen} (first bad byte near offset ${skip + firstBadOffset(body, chosen)})`,
      { details: { encoding: chosen, offset: skip + firstBadOffset(body, chosen) } },
    );
  }
}

/** Bisects for the first offset whose prefix fails to decode; only used to make the message precise. */
function firstBadOffset(bytes: Uint8Array, encoding: string): number {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const ok = (end: number): boolean => {
    try {
      decoder.decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    } finally {
      try {
        decoder.decode();
      } catch {
        // resetting the streaming state only
      }
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
