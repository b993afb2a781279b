// Character-set detection and decoding for uploads: BOM, then strict UTF-8, then GB18030 (Chinese exports).
import { isUtf8 } from 'node:buffer';
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

/** The encoding a byte-order mark at the start of `bytes` names, and its length; undefined without one. */
export function detectBom(
  bytes: Uint8Array,
): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomBytes: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bomBytes: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', bomBytes: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', bomBytes: 2 };
  return undefined;
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
  const bom = detectBom(bytes);
  if (bom !== undefined) return bom;
  // Validating without decoding: 12 ms for 190 MiB here, where a trial decode took ~600 ms and
  // built a throwaway string as large as the text.
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bomBytes: 0 };
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
  const { chosen, body } = chooseEncoding(bytes, encoding);
  try {
    return { text: new TextDecoder(chosen, { fatal: true }).decode(body), encoding: chosen };
  } catch {
    throw undecodable(bytes, body, chosen);
  }
}

/**
 * Decodes `bytes` as a sequence of texts of about `pieceBytes` bytes each, so a large input is
 * never one string. In the ASCII-compatible encodings (UTF-8, GB18030, GBK: a 0x0A byte is
 * always a line feed) a piece ends just after the last line feed of its window when there is one,
 * so a CSV parser seldom has a record cut in two to carry over (which costs a copy of the next
 * piece); a character split between two pieces is decoded whole in the second. Encoding choice
 * and errors as decodeText; an undecodable byte is reported when its piece is reached.
 */
export function decodeTextPieces(
  bytes: Uint8Array,
  encoding: TextEncodingName = 'auto',
  pieceBytes = 1 << 16,
): { pieces: Iterable<string>; encoding: Exclude<TextEncodingName, 'auto'> } {
  const { chosen, body } = chooseEncoding(bytes, encoding);
  const skipped = bytes.length - body.length;
  function* pieces(): Generator<string> {
    const decoder = new TextPieceDecoder(chosen, pieceBytes, skipped);
    yield* decoder.write(body);
    yield* decoder.end();
  }
  return { pieces: pieces(), encoding: chosen };
}

/**
 * decodeTextPieces for bytes that arrive in chunks (a blob streamed from storage): the same pieces
 * whatever the chunks, each chunk decoded in windows of about `pieceBytes` that end after a line
 * feed where there is one (ASCII-compatible encodings). Holds at most one window of bytes.
 * Requires the encoding already chosen and any BOM already skipped (`skippedBytes` of them, so
 * offsets in errors count from the input's start).
 */
export class TextPieceDecoder {
  private readonly decoder: TextDecoder;
  private readonly cutAtLineEnds: boolean;
  /** Bytes after the last line feed of what was written so far, not yet decoded. */
  private tail: Uint8Array = new Uint8Array(0);
  /** Input offset of the first byte not yet decoded (the tail's first byte). */
  private offset: number;

  constructor(
    readonly encoding: Exclude<TextEncodingName, 'auto'>,
    private readonly pieceBytes = 1 << 16,
    skippedBytes = 0,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.cutAtLineEnds = !encoding.startsWith('utf-16');
    this.offset = skippedBytes;
  }

  /** The pieces of text that `bytes` completes. */
  *write(bytes: Uint8Array): Generator<string> {
    let start = 0;
    if (this.tail.length > 0) {
      // Complete the tail up to a line end (or a full window) before windowing the rest.
      const want = Math.max(this.pieceBytes - this.tail.length, 1);
      const lineEnd = this.cutAtLineEnds ? bytes.subarray(0, want).indexOf(10) : -1;
      if (lineEnd === -1 && bytes.length < want) {
        this.tail = concatBytes(this.tail, bytes);
        return;
      }
      start = lineEnd === -1 ? want : lineEnd + 1;
      const piece = this.decode(concatBytes(this.tail, bytes.subarray(0, start)), true);
      this.tail = new Uint8Array(0);
      if (piece.length > 0) yield piece;
    }
    while (start < bytes.length) {
      let end = Math.min(start + this.pieceBytes, bytes.length);
      if (this.cutAtLineEnds) {
        const lineEnd = bytes.lastIndexOf(10, end - 1);
        if (lineEnd >= start) end = lineEnd + 1;
        else if (end === bytes.length) {
          // No line end before the chunk's end: wait for the next chunk (copying, as the caller
          // may reuse its buffer).
          this.tail = bytes.slice(start);
          return;
        }
      }
      const piece = this.decode(bytes.subarray(start, end), true);
      if (piece.length > 0) yield piece;
      start = end;
    }
  }

  /** The last piece: what is left, decoded as the end of the input. */
  *end(): Generator<string> {
    const piece = this.decode(this.tail, false);
    this.tail = new Uint8Array(0);
    if (piece.length > 0) yield piece;
  }

  private decode(window: Uint8Array, stream: boolean): string {
    try {
      const text = this.decoder.decode(window, { stream });
      this.offset += window.length;
      return text;
    } catch {
      // Exact when the window starts on a character boundary, as windows ending at line feeds do.
      throw undecodableAt(this.offset + firstBadOffset(window, this.encoding), this.encoding);
    }
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function chooseEncoding(
  bytes: Uint8Array,
  encoding: TextEncodingName,
): { chosen: Exclude<TextEncodingName, 'auto'>; body: Uint8Array } {
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
  return { chosen, body: bytes.subarray(skip) };
}

function undecodable(bytes: Uint8Array, body: Uint8Array, encoding: string): TableError {
  return undecodableAt(bytes.length - body.length + firstBadOffset(body, encoding), encoding);
}

function undecodableAt(offset: number, encoding: string): TableError {
  return new TableError(
    'table_undecodable',
    `the input is not valid ${encoding} (first bad byte near offset ${offset})`,
    { details: { encoding, offset } },
  );
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
