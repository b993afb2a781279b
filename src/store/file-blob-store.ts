// The content-addressed blob store on disk: DATA_DIR/blobs/<sha256>, raw blobs AES-256-GCM encrypted.
//
// Layout: `blobs/<sha256>` holds an anonymized (plain) blob; `blobs/<name>.raw` holds a raw one,
// encrypted, where <name> is HMAC-SHA256 of its address under a key derived from the master key:
// a file name that were the plaintext's hash would let anyone who can list the directory confirm
// a guess of an upload's content, which the encryption exists to prevent. (Raw blobs written
// before keyed names, `blobs/<sha256>.raw`, are still read.) The address is always the SHA-256 of
// the plaintext. An encrypted file is
//   "ANXRAW1\n" (8 bytes) | IV (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes)
// Writes go to a temp file that is fsynced and renamed into place (then the directory fsynced),
// so a crash leaves either the whole blob or nothing. Every read re-hashes the plaintext; a
// mismatch, or a GCM tag that does not verify, is `blob_integrity_failed` and nothing is served.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore, StoredBlob } from './blob-store.js';
import { StoreError } from './errors.js';

const MAGIC = Buffer.from('ANXRAW1\n', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
  readonly directory: string;
  /** Keys the raw blobs' file names; derived, so the encryption key itself serves one purpose. */
  private readonly nameKey: Buffer;

  /** Requires a 32-byte `masterKey` (see master-key.ts). Creates DATA_DIR/blobs when missing. */
  constructor(
    dataDir: string,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) {
      throw new StoreError(
        'master_key_invalid',
        `master key has ${masterKey.length} bytes, want 32`,
      );
    }
    this.directory = join(dataDir, 'blobs');
    this.nameKey = Buffer.from(hkdfSync('sha256', masterKey, '', 'anonex raw blob names', 32));
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
  }

  async put(
    content: Readable | Buffer,
    options: { raw: boolean; maxBytes?: number },
  ): Promise<StoredBlob> {
    const tempPath = join(this.directory, `.tmp-${randomBytes(8).toString('hex')}`);
    const file = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const iv = randomBytes(IV_BYTES);
    const cipher = options.raw ? createCipheriv('aes-256-gcm', this.masterKey, iv) : undefined;
    let sizeBytes = 0;
    try {
      if (cipher) await writeAll(file, Buffer.concat([MAGIC, iv]));
      for await (const chunk of chunksOf(content)) {
        sizeBytes += chunk.length;
        if (options.maxBytes !== undefined && sizeBytes > options.maxBytes) {
          throw new StoreError('blob_too_large', `blob exceeds ${options.maxBytes} bytes`, {
            details: { maxBytes: options.maxBytes },
          });
        }
        hash.update(chunk);
        await writeAll(file, cipher ? cipher.update(chunk) : chunk);
      }
      if (cipher) await writeAll(file, Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      await file.sync();
      await file.close();
    } catch (error) {
      await file.close().catch(() => undefined);
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
    const sha256 = hash.digest('hex');
    const finalPath = this.fileOf(sha256, options.raw);
    if (
      (await exists(finalPath)) ||
      (options.raw && (await exists(this.legacyRawFileOf(sha256))))
    ) {
      // Content-addressed: the same bytes are already stored (and are verified on every read).
      await unlink(tempPath);
    } else {
      await rename(tempPath, finalPath);
      await this.syncDirectory();
    }
    return { sha256, sizeBytes };
  }

  async get(sha256: string, options: { raw: boolean }): Promise<Buffer> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    let stored: Buffer | undefined;
    for (const path of this.candidateFiles(sha256, options.raw)) {
      try {
        stored = await readFile(path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (stored === undefined) throw blobNotFound(sha256);
    const content = options.raw ? this.decrypt(sha256, stored) : stored;
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sha256) throw integrityFailed(sha256, 'content hash mismatch', actual);
    return content;
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    for (const path of [
      ...this.candidateFiles(sha256, false),
      ...this.candidateFiles(sha256, true),
    ])
      if (await exists(path)) return true;
    return false;
  }

  /** Where the blob with address `sha256` is written (raw: under its keyed name). */
  fileOf(sha256: string, raw: boolean): string {
    if (!raw) return join(this.directory, sha256);
    const name = createHmac('sha256', this.nameKey).update(sha256).digest('hex');
    return join(this.directory, `${name}.raw`);
  }

  private legacyRawFileOf(sha256: string): string {
    return join(this.directory, `${sha256}.raw`);
  }

  private candidateFiles(sha256: string, raw: boolean): string[] {
    return raw
      ? [this.fileOf(sha256, true), this.legacyRawFileOf(sha256)]
      : [this.fileOf(sha256, false)];
  }

  private decrypt(sha256: string, stored: Buffer): Buffer {
    const headerBytes = MAGIC.length + IV_BYTES;
    if (
      stored.length < headerBytes + TAG_BYTES ||
      !stored.subarray(0, MAGIC.length).equals(MAGIC)
    ) {
      throw integrityFailed(sha256, 'not an encrypted blob');
    }
    const iv = stored.subarray(MAGIC.length, headerBytes);
    const tag = stored.subarray(stored.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(stored.subarray(headerBytes, stored.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // A wrong key and an edited file look the same to GCM: the tag does not verify.
      throw integrityFailed(sha256, 'authentication tag does not verify');
    }
  }

  private async syncDirectory(): Promise<void> {
    const directory = await open(this.directory, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}

function blobNotFound(sha256: string): StoreError {
  return new StoreError('blob_not_found', `blob ${sha256} not found`, { details: { sha256 } });
}

function integrityFailed(sha256: string, reason: string, actualSha256?: string): StoreError {
  return new StoreError('blob_integrity_failed', `blob ${sha256} refused: ${reason}`, {
    details: { sha256, reason, ...(actualSha256 ? { actualSha256 } : {}) },
  });
}

async function* chunksOf(content: Readable | Buffer): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(content)) {
    yield content;
    return;
  }
  for await (const chunk of content) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  }
}

async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
