import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { loadMasterKey, parseMasterKey } from '../../src/store/master-key.js';
import { StoreError, type StoreErrorCode } from '../../src/store/errors.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  let thrown: unknown;
  await promise.catch((error: unknown) => (thrown = error));
  expect(thrown).to.be.instanceOf(StoreError);
  expect((thrown as StoreError).code).to.equal(code);
}

describe('store/file-blob-store', () => {
  let dataDir: string;
  let store: FileBlobStore;
  const key = Buffer.alloc(32, 7);
  const content = Buffer.from('name,phone\nZhang San,13800138000\n', 'utf8');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-blobs-'));
    store = new FileBlobStore(dataDir, key);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const raw of [false, true]) {
    it(`round-trips a ${raw ? 'raw (encrypted)' : 'plain'} blob addressed by its plaintext SHA-256`, async () => {
      const stored = await store.put(content, { raw });
      expect(stored).to.deep.equal({ sha256: sha256(content), sizeBytes: content.length });
      expect(await store.get(stored.sha256, { raw })).to.deep.equal(content);
      expect(await store.has(stored.sha256)).to.equal(true);
    });
  }

  /** This process's open file descriptors that point into the data directory. */
  const openFilesUnder = (directory: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd)).startsWith(directory);
      } catch {
        return false; // the descriptor readdir itself used, closed since
      }
    });

  for (const raw of [false, true]) {
    it(`closes a ${raw ? 'raw' : 'plain'} blob's file at once when its reader stops after the first chunk`, async () => {
      const big = randomBytes(1 << 20);
      const stored = await store.put(big, { raw });
      const stream = await store.open(stored.sha256, { raw });
      for await (const chunk of stream) {
        expect((chunk as Buffer).length).to.be.greaterThan(0);
        break; // the reader has what it wanted (a head read, a client gone)
      }
      // Not left for the garbage collector: closed within a few turns of the event loop.
      for (let turn = 0; turn < 20 && openFilesUnder(dataDir).length > 0; turn++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(openFilesUnder(dataDir)).to.deep.equal([]);
    });
  }

  it('streams a large readable in chunks and leaves no temp file', async () => {
    const chunks = Array.from({ length: 64 }, (_, index) => Buffer.alloc(16_384, index));
    const stored = await store.put(Readable.from(chunks), { raw: true, maxBytes: 64 * 16_384 });
    expect(stored.sha256).to.equal(sha256(Buffer.concat(chunks)));
    expect(readdirSync(store.directory).map((name) => join(store.directory, name))).to.deep.equal([
      store.fileOf(stored.sha256, true),
    ]);
  });

  it('stores raw content encrypted: the file holds no plaintext, and another key cannot read it', async () => {
    const stored = await store.put(content, { raw: true });
    const onDisk = readFileSync(store.fileOf(stored.sha256, true));
    expect(onDisk.includes(Buffer.from('13800138000'))).to.equal(false);
    expect(onDisk.includes(Buffer.from('Zhang San'))).to.equal(false);
    expect(statSync(store.fileOf(stored.sha256, true)).mode & 0o777).to.equal(0o600);
    // Another key finds no file under its name, and cannot decrypt the file under it either.
    const otherKey = new FileBlobStore(dataDir, Buffer.alloc(32, 8));
    await expectStoreError(otherKey.get(stored.sha256, { raw: true }), 'blob_not_found');
    writeFileSync(otherKey.fileOf(stored.sha256, true), onDisk);
    await expectStoreError(otherKey.get(stored.sha256, { raw: true }), 'blob_integrity_failed');
  });

  it('refuses a tampered plain blob and a tampered raw blob', async () => {
    const plain = await store.put(content, { raw: false });
    const plainPath = join(store.directory, plain.sha256);
    const edited = Buffer.from(content);
    edited[0] ^= 1;
    writeFileSync(plainPath, edited);
    await expectStoreError(store.get(plain.sha256, { raw: false }), 'blob_integrity_failed');

    const raw = await store.put(content, { raw: true });
    const rawPath = store.fileOf(raw.sha256, true);
    const sealed = readFileSync(rawPath);
    sealed[sealed.length - 20] ^= 1;
    writeFileSync(rawPath, sealed);
    await expectStoreError(store.get(raw.sha256, { raw: true }), 'blob_integrity_failed');
  });

  it('names raw files by a keyed hash, never the plaintext hash, and still reads the old names', async () => {
    const stored = await store.put(content, { raw: true });
    const names = readdirSync(store.directory);
    expect(names).to.have.length(1);
    expect(names[0]).to.match(/^[0-9a-f]{64}\.raw$/);
    expect(names[0]).not.to.include(stored.sha256);
    // The same content under another master key gets another name.
    const otherKey = new FileBlobStore(dataDir, Buffer.alloc(32, 8));
    expect(otherKey.fileOf(stored.sha256, true)).not.to.equal(store.fileOf(stored.sha256, true));
    // A raw blob written before keyed names (blobs/<sha256>.raw) is still found and read...
    renameSync(store.fileOf(stored.sha256, true), join(store.directory, `${stored.sha256}.raw`));
    expect(await store.has(stored.sha256)).to.equal(true);
    expect((await store.get(stored.sha256, { raw: true })).equals(content)).to.equal(true);
    // ...and storing the same content again does not write a second copy.
    await store.put(content, { raw: true });
    expect(readdirSync(store.directory)).to.deep.equal([`${stored.sha256}.raw`]);
  });

  it('refuses content over maxBytes and leaves nothing behind', async () => {
    const chunks = [randomBytes(600), randomBytes(600)];
    await expectStoreError(
      store.put(Readable.from(chunks), { raw: false, maxBytes: 1000 }),
      'blob_too_large',
    );
    expect(readdirSync(store.directory)).to.deep.equal([]);
  });

  it('answers blob_not_found for unknown or malformed addresses', async () => {
    await expectStoreError(store.get('0'.repeat(64), { raw: false }), 'blob_not_found');
    await expectStoreError(store.get('../master.key', { raw: false }), 'blob_not_found');
    expect(await store.has('../master.key')).to.equal(false);
  });

  it('generates DATA_DIR/master.key once (mode 0600) and reads it back; parses hex and base64', () => {
    const first = loadMasterKey({ masterKey: undefined, dataDir });
    expect(first).to.have.length(32);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).to.equal(0o600);
    expect(loadMasterKey({ masterKey: undefined, dataDir })).to.deep.equal(first);
    expect(parseMasterKey(first.toString('hex'))).to.deep.equal(first);
    expect(parseMasterKey(first.toString('base64'))).to.deep.equal(first);
    expect(() => parseMasterKey('too-short')).to.throw(StoreError);
  });
});
