// Strict base64 (RFC 4648 §4, padded): hostile input is refused rather than leniently repaired.

/** Decodes canonical padded base64; returns undefined for anything else (whitespace, url-safe, junk). */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero padding bits decode silently; re-encoding exposes them.
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
