// Encryption of raw blobs at rest (seed Art. 49–50), streamed in authenticated chunks so a large
// upload is never whole in memory and no byte is released before its chunk's tag verifies.
//
// Format 2 (written), the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár ("Online
// Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015) over AES-256-GCM,
// as Tink's AesGcmHkdfStreaming lays it out:
//
//   header = "ANXRAW2\n" (8) | chunk plaintext bytes, uint32 BE (4) | salt (32) | nonce prefix (7)
//   then per chunk i = 0, 1, …:  AES-256-GCM(blobKey, nonce_i, aad = header, chunk) | tag (16)
//   blobKey = HKDF-SHA256(masterKey, salt, "anonex raw blob v2", 32 bytes)
//   nonce_i = nonce prefix (7) | i as uint32 BE (4) | 1 if i is the last chunk else 0 (1)
//
// Every chunk but the last holds exactly `chunk plaintext bytes`; the last holds 0..that many.
// A fresh key per blob (random salt) keeps GCM's nonce space per key tiny; the last-chunk flag
// makes a blob cut at a chunk boundary fail, and the counter makes reordered chunks fail.
//
// Format 1 (read only, blobs written before streaming): "ANXRAW1\n" | IV (12) | one GCM
// ciphertext over the whole blob | tag (16). Its plaintext is streamed as it is decrypted and the
// tag checked at the end; the blob store's content hash check also fails such a stream at its end.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';

const MAGIC_V1 = Buffer.from('ANXRAW1\n', 'ascii');
const MAGIC_V2 = Buffer.from('ANXRAW2\n', 'ascii');
const IV_V1_BYTES = 12;
const SALT_BYTES = 32;
const NONCE_PREFIX_BYTES = 7;
const TAG_BYTES = 16;
const HEADER_V2_BYTES = MAGIC_V2.length + 4 + SALT_BYTES + NONCE_PREFIX_BYTES;
/** Plaintext per chunk: small enough to buffer, large enough that per-chunk set-up is noise. */
export const DEFAULT_CHUNK_BYTES = 1 << 16;
/** Refuses headers claiming absurd chunks (a corrupt or hostile file must not allocate GiBs). */
const MAX_CHUNK_BYTES = 1 << 24;

/** Why a sealed blob is refused; the blob store turns it into `blob_integrity_failed`. */
export class SealedBlobError extends Error {
  override readonly name = 'SealedBlobError';
}

function blobKeyOf(masterKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, salt, 'anonex raw blob v2', 32));
}

function nonceOf(prefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(NONCE_PREFIX_BYTES + 5);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce[NONCE_PREFIX_BYTES + 4] = last ? 1 : 0;
  return nonce;
}

/**
 * Encrypts `plaintext` as format 2, yielding the header and then one sealed chunk at a time.
 * Requires a 32-byte master key; `chunkBytes` is for tests (small chunks exercise the framing).
 */
export async function* sealRawBlob(
  plaintext: AsyncIterable<Uint8Array>,
  masterKey: Buffer,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const prefix = randomBytes(NONCE_PREFIX_BYTES);
  const header = Buffer.alloc(HEADER_V2_BYTES);
  MAGIC_V2.copy(header, 0);
  header.writeUInt32BE(chunkBytes, MAGIC_V2.length);
  salt.copy(header, MAGIC_V2.length + 4);
  prefix.copy(header, MAGIC_V2.length + 4 + SALT_BYTES);
  const key = blobKeyOf(masterKey, salt);
  let index = 0;
  const seal = (chunk: Buffer, last: boolean): Buffer => {
    if (index === 0xffffffff) throw new SealedBlobError('blob too large for its chunk counter');
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, index++, last));
    cipher.setAAD(header);
    return Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
  };
  try {
    yield header;
    // A full chunk is sealed only once more bytes arrive: whether it is the last is known then.
    let pending = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    for await (const piece of plaintext) {
      let offset = 0;
      while (offset < piece.length) {
        if (filled === chunkBytes) {
          yield seal(pending, false);
          pending = Buffer.allocUnsafe(chunkBytes);
          filled = 0;
        }
        const take = Math.min(chunkBytes - filled, piece.length - offset);
        pending.set(piece.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    }
    yield seal(pending.subarray(0, filled), true);
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts a sealed blob (format 2, or format 1 written earlier), yielding plaintext chunk by
 * chunk. Throws SealedBlobError when the header is not ours, a tag does not verify (wrong key or
 * edited bytes: GCM cannot tell them apart), or the blob is cut short.
 */
export async function* openRawBlob(
  sealed: AsyncIterable<Uint8Array>,
  masterKey: Buffer,
): AsyncGenerator<Buffer> {
  const input = new ByteQueue(sealed);
  const magic = await input.take(MAGIC_V2.length);
  if (magic.equals(MAGIC_V2)) yield* openV2(input, masterKey, magic);
  else if (magic.equals(MAGIC_V1)) yield* openV1(input, masterKey);
  else throw new SealedBlobError('not an encrypted blob');
}

async function* openV2(input: ByteQueue, masterKey: Buffer, magic: Buffer): AsyncGenerator<Buffer> {
  const rest = await input.take(HEADER_V2_BYTES - magic.length);
  if (rest.length < HEADER_V2_BYTES - magic.length) throw new SealedBlobError('truncated header');
  const header = Buffer.concat([magic, rest]);
  const chunkBytes = header.readUInt32BE(MAGIC_V2.length);
  if (chunkBytes === 0 || chunkBytes > MAX_CHUNK_BYTES)
    throw new SealedBlobError(`implausible chunk size ${chunkBytes}`);
  const salt = header.subarray(MAGIC_V2.length + 4, MAGIC_V2.length + 4 + SALT_BYTES);
  const prefix = header.subarray(MAGIC_V2.length + 4 + SALT_BYTES);
  const key = blobKeyOf(masterKey, salt);
  const frameBytes = chunkBytes + TAG_BYTES;
  try {
    for (let index = 0; ; index++) {
      // One byte past a full frame tells whether this frame is the last.
      const frame = await input.take(frameBytes);
      const last = frame.length < frameBytes || !(await input.hasMore());
      if (frame.length < TAG_BYTES) throw new SealedBlobError('truncated chunk');
      const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix, index, last));
      decipher.setAAD(header);
      decipher.setAuthTag(frame.subarray(frame.length - TAG_BYTES));
      let plaintext: Buffer;
      try {
        plaintext = Buffer.concat([
          decipher.update(frame.subarray(0, frame.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new SealedBlobError(`authentication tag of chunk ${index} does not verify`);
      }
      if (plaintext.length > 0) yield plaintext;
      if (last) return;
    }
  } finally {
    key.fill(0);
  }
}

async function* openV1(input: ByteQueue, masterKey: Buffer): AsyncGenerator<Buffer> {
  const iv = await input.take(IV_V1_BYTES);
  if (iv.length < IV_V1_BYTES) throw new SealedBlobError('truncated header');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
  // The tag is the last 16 bytes: hold back that many until the input ends.
  let held = Buffer.alloc(0);
  for await (const piece of input.remaining()) {
    const joined = held.length === 0 ? piece : Buffer.concat([held, piece]);
    const release = joined.length - TAG_BYTES;
    if (release > 0) {
      const plaintext = decipher.update(joined.subarray(0, release));
      if (plaintext.length > 0) yield plaintext;
      held = Buffer.from(joined.subarray(release));
    } else held = Buffer.from(joined);
  }
  if (held.length < TAG_BYTES) throw new SealedBlobError('truncated blob');
  decipher.setAuthTag(held);
  try {
    const tail = decipher.final();
    if (tail.length > 0) yield tail;
  } catch {
    throw new SealedBlobError('authentication tag does not verify');
  }
}

/** Reads exact byte counts from an async iterable of chunks, copying only across chunk edges. */
class ByteQueue {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private head: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next `count` bytes, fewer only when the input ends first. */
  async take(count: number): Promise<Buffer> {
    if (this.head.length >= count) return this.shift(count);
    const parts: Buffer[] = [this.head];
    let have = this.head.length;
    this.head = Buffer.alloc(0);
    while (have < count && !this.done) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        break;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      parts.push(chunk);
      have += chunk.length;
    }
    const joined = parts.length === 1 ? parts[0] : Buffer.concat(parts, have);
    this.head = joined.subarray(Math.min(count, joined.length));
    return joined.subarray(0, Math.min(count, joined.length));
  }

  async hasMore(): Promise<boolean> {
    while (this.head.length === 0 && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.head = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
    return this.head.length > 0;
  }

  async *remaining(): AsyncGenerator<Buffer> {
    if (this.head.length > 0) yield this.shift(this.head.length);
    while (!this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
  }

  private shift(count: number): Buffer {
    const taken = this.head.subarray(0, count);
    this.head = this.head.subarray(count);
    return taken;
  }
}

export function sealedBlobFailure(sha256: string, error: SealedBlobError): StoreError {
  return new StoreError('blob_integrity_failed', `blob ${sha256} refused: ${error.message}`, {
    details: { sha256, reason: error.message },
  });
}
