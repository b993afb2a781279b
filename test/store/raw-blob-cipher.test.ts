import { expect } from 'chai';
import { createCipheriv, randomBytes } from 'node:crypto';
import { openRawBlob, SealedBlobError, sealRawBlob } from '../../src/store/raw-blob-cipher.js';

const KEY = Buffer.alloc(32, 3);
const CHUNK = 16;
const FRAME = CHUNK + 16;
const HEADER = 8 + 4 + 32 + 7;

async function* piecesOf(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function seal(plaintext: Buffer): Promise<Buffer> {
  return collect(sealRawBlob(piecesOf(plaintext, [7, 1, 40]), KEY, CHUNK));
}

/** What `openRawBlob` released before failing, and the failure. */
async function openUntilFailure(
  sealed: Buffer,
  key = KEY,
): Promise<{ released: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const part of openRawBlob(piecesOf(sealed, [5, 33, 64]), key)) parts.push(part);
  } catch (error) {
    return { released: Buffer.concat(parts), error };
  }
  return { released: Buffer.concat(parts), error: undefined };
}

describe('store/raw-blob-cipher (chunked AES-256-GCM, STREAM construction)', () => {
  for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5]) {
    it(`round-trips ${size} bytes cut into odd pieces, framed as header + ⌈size/chunk⌉ chunks`, async () => {
      const plaintext = randomBytes(size);
      const sealed = await seal(plaintext);
      const chunks = Math.max(1, Math.ceil(size / CHUNK));
      expect(sealed.length).to.equal(HEADER + size + 16 * chunks);
      expect(await collect(openRawBlob(piecesOf(sealed, [3, 50]), KEY))).to.deep.equal(plaintext);
    });
  }

  it('seals the same plaintext differently each time (fresh salt and nonce prefix)', async () => {
    const plaintext = Buffer.from('name,phone\n张三,13800138000\n');
    const [a, b] = [await seal(plaintext), await seal(plaintext)];
    expect(a.equals(b)).to.equal(false);
    expect(a.includes(Buffer.from('13800138000'))).to.equal(false);
  });

  const cases: { desc: string; edit: (sealed: Buffer) => Buffer; releasedChunks: number }[] = [
    {
      desc: 'an edited byte in chunk 1 (chunk 0 is released, nothing of chunk 1)',
      edit: (sealed) => {
        const copy = Buffer.from(sealed);
        copy[HEADER + FRAME + 3] ^= 1;
        return copy;
      },
      releasedChunks: 1,
    },
    {
      desc: 'the last chunk cut off at a chunk boundary',
      edit: (sealed) => sealed.subarray(0, HEADER + 2 * FRAME),
      releasedChunks: 1,
    },
    {
      desc: 'chunks 0 and 1 swapped',
      edit: (sealed) =>
        Buffer.concat([
          sealed.subarray(0, HEADER),
          sealed.subarray(HEADER + FRAME, HEADER + 2 * FRAME),
          sealed.subarray(HEADER, HEADER + FRAME),
          sealed.subarray(HEADER + 2 * FRAME),
        ]),
      releasedChunks: 0,
    },
    {
      desc: 'an edited chunk size in the header (authenticated as associated data)',
      edit: (sealed) => {
        const copy = Buffer.from(sealed);
        copy.writeUInt32BE(CHUNK * 2, 8);
        return copy;
      },
      releasedChunks: 0,
    },
    {
      desc: 'a header that is not ours',
      edit: (sealed) => Buffer.concat([Buffer.from('NOTRAW9\n'), sealed.subarray(8)]),
      releasedChunks: 0,
    },
  ];
  for (const { desc, edit, releasedChunks } of cases) {
    it(`refuses ${desc}`, async () => {
      const plaintext = randomBytes(3 * CHUNK);
      const { released, error } = await openUntilFailure(edit(await seal(plaintext)));
      expect(error).to.be.instanceOf(SealedBlobError);
      expect(released).to.deep.equal(plaintext.subarray(0, releasedChunks * CHUNK));
    });
  }

  it('refuses another key before releasing a byte', async () => {
    const { released, error } = await openUntilFailure(
      await seal(randomBytes(40)),
      Buffer.alloc(32, 4),
    );
    expect(error).to.be.instanceOf(SealedBlobError);
    expect(released.length).to.equal(0);
  });

  // Format 1, written before streaming: one GCM message over the whole blob (the naive oracle).
  const sealV1 = (plaintext: Buffer, key: Buffer): Buffer => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from('ANXRAW1\n'), iv, body, cipher.getAuthTag()]);
  };

  it('still reads format 1 blobs, and refuses an edited one', async () => {
    const plaintext = randomBytes(1000);
    const sealed = sealV1(plaintext, KEY);
    expect((await openUntilFailure(sealed)).released).to.deep.equal(plaintext);
    const edited = Buffer.from(sealed);
    edited[edited.length - 1] ^= 1;
    expect((await openUntilFailure(edited)).error).to.be.instanceOf(SealedBlobError);
    expect((await openUntilFailure(sealed.subarray(0, 30))).error).to.be.instanceOf(
      SealedBlobError,
    );
  });
});
