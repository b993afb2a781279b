// The interface of the content-addressed blob store: every blob is named by the SHA-256 of its
// plaintext, streams in and out, and raw blobs are encrypted by the gateway (see
// content-addressed-blob-store.ts; backends: file-blob-store.ts, s3-blob-store.ts).
import type { Readable } from 'node:stream';
import type { ListedObject } from './object-backend.js';

export interface StoredBlob {
  /** Hex SHA-256 of the plaintext content: the blob's address. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** What `put` accepts: a stream, any async iterable of bytes, or bytes in memory. */
export type BlobContent = Readable | AsyncIterable<Uint8Array> | Uint8Array;

export interface BlobStore {
  /**
   * Stores content, streaming it (hash, encryption and writing a chunk at a time), atomically:
   * readers see the whole blob or none. `raw: true` encrypts it at rest with AES-256-GCM under the
   * master key (seed Art. 49–50). Rejects with `blob_too_large` when more than `maxBytes` arrive,
   * leaving nothing behind.
   */
  put(content: BlobContent, options: { raw: boolean; maxBytes?: number }): Promise<StoredBlob>;
  /**
   * Streams a blob's plaintext. A raw blob's bytes are released chunk by chunk once each chunk's
   * tag verifies; the content hash is checked at the end, and a mismatch fails the stream with
   * `blob_integrity_failed` (consumers must treat what they read as void when the stream fails).
   * Rejects with `blob_not_found` when there is no such blob.
   */
  open(sha256: string, options: { raw: boolean }): Promise<Readable>;
  /** Reads a whole blob, verifying its hash: for small blobs (reports) only. */
  get(sha256: string, options: { raw: boolean }): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /**
   * Small named files sealed under the master key, shared by every gateway of the store (the
   * ledger's checkpoint keys). `name` is `segment/…/file` of `[A-Za-z0-9._-]`; an existing file is
   * never replaced (returns false). Sealing authenticates as well as hides: whoever can write the
   * bucket but lacks the master key cannot add a file that `getSealedFile` accepts.
   */
  putSealedFile(name: string, content: Uint8Array): Promise<boolean>;
  /** The file's plaintext, or undefined when there is none; a forged file fails `blob_integrity_failed`. */
  getSealedFile(name: string): Promise<Buffer | undefined>;
  /** Names of the sealed files under `directory/`. */
  listSealedFiles(directory: string): Promise<string[]>;
  /** Every blob object (`blobs/<sha256>`, `blobs/<name>.raw`) with its last change; never staging. */
  listBlobObjects(): Promise<ListedObject[]>;
  /** The object names blob `sha256` may be stored under: its raw names, or its anonymized one. */
  objectNamesOf(sha256: string, raw: boolean): string[];
  /** Deletes a blob object named by `listBlobObjects` or `objectNamesOf`. */
  deleteBlobObject(name: string): Promise<void>;
  /**
   * Removes what interrupted writes left (temp files, temp objects, incomplete multipart uploads)
   * older at `nowMs` (wall-clock: file and object times are) than the backend's grace or
   * `minAgeMs`, whichever is longer; returns how many.
   */
  sweepStaging(nowMs: number, minAgeMs?: number): Promise<number>;
  /**
   * What a worker thread of this process needs to open the same store itself (the location and the
   * master key): it must never leave the process, be logged or be persisted.
   */
  workerSpec(): BlobStoreSpec;
}

/** Where a store's objects live; see open-blob-store.ts. */
export type BlobStoreLocation =
  { readonly kind: 'file'; readonly dataDir: string } | ({ readonly kind: 's3' } & S3Location);

export interface S3Location {
  readonly bucket: string;
  /** Prepended to every object name, e.g. `anonex/` (empty: the bucket's root). */
  readonly prefix: string;
  /** e.g. `http://127.0.0.1:9000` for MinIO; undefined: AWS's endpoint for the region. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** `bucket` in the path rather than the host name (MinIO, Ceph RGW and most self-hosted). */
  readonly forcePathStyle: boolean;
  /** Undefined: the AWS SDK's default chain (AWS_* variables, instance or task roles). */
  readonly credentials:
    { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
}

export interface BlobStoreSpec {
  readonly location: BlobStoreLocation;
  readonly masterKey: Uint8Array;
}
