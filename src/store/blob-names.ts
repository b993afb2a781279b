// Object names of the blob store: anonymized blobs under their content address, raw blobs under a
// keyed hash of it, so listing the store does not let anyone confirm a guess of an upload's content.
import { createHmac, hkdfSync } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isSha256Hex = (text: string): boolean => SHA256_HEX.test(text);

/** Names every object of a store keyed by one master key. */
export class BlobNames {
  /** Keys the raw blobs' names; derived, so the encryption key itself serves one purpose. */
  private readonly nameKey: Buffer;

  constructor(masterKey: Buffer) {
    this.nameKey = Buffer.from(hkdfSync('sha256', masterKey, '', 'anonex raw blob names', 32));
  }

  /** Where blob `sha256` is written: `blobs/<sha256>`, or `blobs/<HMAC(sha256)>.raw` when raw. */
  of(sha256: string, raw: boolean): string {
    if (!raw) return `blobs/${sha256}`;
    return `blobs/${createHmac('sha256', this.nameKey).update(sha256).digest('hex')}.raw`;
  }

  /** Every name blob `sha256` may be stored under, the current one first: raw blobs written
   * before keyed names were `blobs/<sha256>.raw`. */
  candidates(sha256: string, raw: boolean): string[] {
    return raw ? [this.of(sha256, true), `blobs/${sha256}.raw`] : [this.of(sha256, false)];
  }
}

/** The object that records which master key a store's raw blobs are under (see master-key-check.ts). */
export const MASTER_KEY_CHECK_NAME = 'blobs/master-key.check';
