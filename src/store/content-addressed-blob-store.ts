// The blob store over any backend: blobs addressed by the SHA-256 of their plaintext, hashed and
// (raw ones) encrypted a chunk at a time on the way in, decrypted and re-hashed on the way out, so
// nothing holds a whole large blob and nothing unverified is ever served.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  BlobContent,
  BlobStore,
  BlobStoreLocation,
  BlobStoreSpec,
  StoredBlob,
} from './blob-store.js';
import { BlobNames, isSha256Hex } from './blob-names.js';
import { StoreError } from './errors.js';
import type { ListedObject, ObjectBackend } from './object-backend.js';
import { openRawBlob, SealedBlobError, sealedBlobFailure, sealRawBlob } from './raw-blob-cipher.js';

/** Bytes hashed (and handed to the backend) at a time when `put` is given a buffer. */
const SLICE_BYTES = 1 << 16;

export class ContentAddressedBlobStore implements BlobStore {
  protected readonly names: BlobNames;

  /** Requires a 32-byte `masterKey` (see master-key.ts). */
  constructor(
    readonly backend: ObjectBackend,
    private readonly masterKey: Buffer,
    private readonly location: BlobStoreLocation,
  ) {
    if (masterKey.length !== 32) {
      throw new StoreError(
        'master_key_invalid',
        `master key has ${masterKey.length} bytes, want 32`,
      );
    }
    this.names = new BlobNames(masterKey);
  }

  async put(
    content: BlobContent,
    options: { raw: boolean; maxBytes?: number },
  ): Promise<StoredBlob> {
    const hash = createHash('sha256');
    let sizeBytes = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(content)) {
        sizeBytes += chunk.length;
        if (options.maxBytes !== undefined && sizeBytes > options.maxBytes) {
          throw new StoreError('blob_too_large', `blob exceeds ${options.maxBytes} bytes`, {
            details: { maxBytes: options.maxBytes },
          });
        }
        hash.update(chunk);
        yield chunk;
      }
    }
    const staged = await this.backend.stage(
      options.raw ? sealRawBlob(counted(), this.masterKey) : counted(),
    );
    const sha256 = hash.digest('hex');
    // Content-addressed: the same bytes may already be stored (and are verified on every read).
    if (options.raw && (await this.findStored(sha256, true)) !== undefined) await staged.discard();
    else await staged.publish(this.names.of(sha256, options.raw));
    return { sha256, sizeBytes };
  }

  async open(sha256: string, options: { raw: boolean }): Promise<Readable> {
    if (!isSha256Hex(sha256)) throw blobNotFound(sha256);
    let stored: Readable | undefined;
    for (const name of this.names.candidates(sha256, options.raw)) {
      stored = await this.backend.read(name);
      if (stored !== undefined) break;
    }
    if (stored === undefined) throw blobNotFound(sha256);
    const plaintext = options.raw ? decrypted(stored, this.masterKey, sha256) : stored;
    const opened = Readable.from(verified(plaintext, sha256), {
      objectMode: false,
      highWaterMark: 1 << 16,
    });
    // A reader that stops early (a head read, a client gone) destroys this stream while the
    // generators may be awaiting their next chunk, and their clean-up would then wait for one:
    // the stored stream (a file handle) is closed here at once instead of by the collector.
    const source = stored;
    opened.once('close', () => source.destroy());
    return opened;
  }

  async get(sha256: string, options: { raw: boolean }): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.open(sha256, options)) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    return (
      (await this.findStored(sha256, false)) !== undefined ||
      (await this.findStored(sha256, true)) !== undefined
    );
  }

  async putSealedFile(name: string, content: Uint8Array): Promise<boolean> {
    const staged = await this.backend.stage(
      sealRawBlob(
        (async function* () {
          yield content;
        })(),
        this.masterKey,
      ),
    );
    return staged.publish(sealedName(name));
  }

  async getSealedFile(name: string): Promise<Buffer | undefined> {
    const sealed = await this.backend.read(sealedName(name));
    if (sealed === undefined) return undefined;
    const parts: Buffer[] = [];
    for await (const part of decrypted(sealed, this.masterKey, name)) parts.push(part);
    return Buffer.concat(parts);
  }

  async listSealedFiles(directory: string): Promise<string[]> {
    const prefix = sealedName(`${directory}/`);
    return (await this.backend.list(prefix)).map((name) => name.slice(prefix.length));
  }

  async listBlobObjects(): Promise<ListedObject[]> {
    return (await this.backend.listWithTimes('blobs/')).filter((object) =>
      BLOB_OBJECT.test(object.name),
    );
  }

  objectNamesOf(sha256: string, raw: boolean): string[] {
    return this.names.candidates(sha256, raw);
  }

  async deleteBlobObject(name: string): Promise<void> {
    if (!BLOB_OBJECT.test(name)) throw new Error(`not a blob object: ${JSON.stringify(name)}`);
    await this.backend.remove(name);
  }

  sweepStaging(nowMs: number, minAgeMs = 0): Promise<number> {
    return this.backend.sweepStaging(nowMs - Math.max(this.backend.stagingGraceMs, minAgeMs));
  }

  workerSpec(): BlobStoreSpec {
    return { location: this.location, masterKey: new Uint8Array(this.masterKey) };
  }

  /** Where `backend` says blob `sha256` is, or undefined. */
  private async findStored(sha256: string, raw: boolean): Promise<string | undefined> {
    for (const name of this.names.candidates(sha256, raw))
      if (await this.backend.exists(name)) return name;
    return undefined;
  }
}

/** Blob objects (blob-names.ts); the master key's check object and anything else are not. */
const BLOB_OBJECT = /^blobs\/[0-9a-f]{64}(\.raw)?$/;

const SEALED_NAME = /^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)+([A-Za-z0-9_-][A-Za-z0-9._-]*)?$/;

/** The object of sealed file `name` (a directory when it ends in `/`); refuses anything else. */
function sealedName(name: string): string {
  if (!SEALED_NAME.test(name) || name.includes('..'))
    throw new Error(
      `sealed file names are segment/…/file of [A-Za-z0-9._-]: ${JSON.stringify(name)}`,
    );
  return `sealed/${name}`;
}

async function* decrypted(
  sealed: AsyncIterable<Uint8Array>,
  masterKey: Buffer,
  sha256: string,
): AsyncGenerator<Buffer> {
  try {
    yield* openRawBlob(sealed, masterKey);
  } catch (error) {
    throw error instanceof SealedBlobError ? sealedBlobFailure(sha256, error) : error;
  }
}

/** Passes the plaintext through and fails at its end unless its SHA-256 is the address. */
async function* verified(
  plaintext: AsyncIterable<Uint8Array>,
  sha256: string,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of plaintext) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(bytes);
    yield bytes;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    throw new StoreError('blob_integrity_failed', `blob ${sha256} refused: content hash mismatch`, {
      details: { sha256, reason: 'content hash mismatch', actualSha256: actual },
    });
  }
}

/** The content as chunks: a buffer in slices, so hashing it never holds the event loop long. */
async function* chunksOf(content: BlobContent): AsyncGenerator<Uint8Array> {
  if (content instanceof Uint8Array) {
    for (let start = 0; start < content.length; start += SLICE_BYTES)
      yield content.subarray(start, Math.min(start + SLICE_BYTES, content.length));
    return;
  }
  for await (const chunk of content as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
}

function blobNotFound(sha256: string): StoreError {
  return new StoreError('blob_not_found', `blob ${sha256} not found`, { details: { sha256 } });
}
