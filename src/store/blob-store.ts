// The interface of the content-addressed blob store (DATA_DIR/blobs/<sha256>); see file-blob-store.ts.
import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Hex SHA-256 of the plaintext content: the blob's address. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

export interface BlobStore {
  /**
   * Stores content atomically (temp file, fsync, rename). `raw: true` encrypts it at rest with
   * AES-256-GCM under the master key (seed Art. 49–50). Rejects with a typed error when more than
   * `maxBytes` arrive, leaving nothing behind.
   */
  put(
    content: Readable | Buffer,
    options: { raw: boolean; maxBytes?: number },
  ): Promise<StoredBlob>;
  /** Reads a whole blob, verifying its hash; a mismatch is an error and nothing is returned. */
  get(sha256: string, options: { raw: boolean }): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}
