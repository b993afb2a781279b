// One body of behaviour, run against both backends: the local directory and an S3-compatible
// bucket (s3rver, started by the test).
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ContentAddressedBlobStore } from '../../src/store/content-addressed-blob-store.js';
import { StoreError, type StoreErrorCode } from '../../src/store/errors.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { blobStoreFromSpec, openBlobStore } from '../../src/store/open-blob-store.js';
import { S3BlobStore, S3Objects } from '../../src/store/s3-blob-store.js';
import { startTestS3Server, type TestS3Server } from '../helpers/s3-server.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function codeOf(promise: Promise<unknown>): Promise<StoreErrorCode | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StoreError);
    return (error as StoreError).code;
  }
  return undefined;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

interface Backend {
  readonly name: string;
  /** A store over a fresh, empty place; small multipart parts and copy limit for S3. */
  create(key: Buffer): ContentAddressedBlobStore;
  /** Every object name in the place the last create() used. */
  list(): Promise<string[]>;
}

describe('store: blob store backends', function () {
  this.timeout(20_000);
  let s3: TestS3Server;
  let client: S3Client;
  let dataDir: string;
  let prefixSerial = 0;
  const stores: ContentAddressedBlobStore[] = [];

  before(async () => {
    s3 = await startTestS3Server();
    const location = s3.location();
    client = new S3Client({
      endpoint: location.endpoint,
      region: location.region,
      forcePathStyle: true,
      credentials: location.credentials,
    });
  });
  after(async () => {
    client.destroy();
    for (const store of stores) if (store instanceof S3BlobStore) await store.objects.destroy();
    await s3.stop();
  });
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'anonex-blobs-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const backends: Backend[] = [
    {
      name: 'directory',
      create: (key) => new FileBlobStore(dataDir, key),
      list: async () => readdirSync(join(dataDir, 'blobs')).map((name) => `blobs/${name}`),
    },
    {
      name: 'S3-compatible bucket',
      create: (key) => {
        const location = s3.location(`run${++prefixSerial}/`);
        const store = new S3BlobStore(
          location,
          key,
          new S3Objects(location, { partBytes: 5 * 1024 * 1024, copyObjectMaxBytes: 1000 }),
        );
        stores.push(store);
        return store;
      },
      list: async () => {
        const reply = await client.send(
          new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `run${prefixSerial}/` }),
        );
        return (reply.Contents ?? []).map((object) =>
          object.Key!.slice(`run${prefixSerial}/`.length),
        );
      },
    },
  ];

  for (const backend of backends) {
    describe(backend.name, () => {
      const key = Buffer.alloc(32, 7);
      const content = Buffer.from('name,phone\n张三,13800138000\n', 'utf8');

      for (const raw of [false, true]) {
        it(`round-trips a ${raw ? 'raw (encrypted)' : 'plain'} blob by its plaintext SHA-256, streamed both ways`, async () => {
          const store = backend.create(key);
          const stored = await store.put(content, { raw });
          expect(stored).to.deep.equal({ sha256: sha256(content), sizeBytes: content.length });
          expect(await readAll(await store.open(stored.sha256, { raw }))).to.deep.equal(content);
          expect(await store.get(stored.sha256, { raw })).to.deep.equal(content);
          expect(await store.has(stored.sha256)).to.equal(true);
          // A second put of the same content stores nothing new.
          await store.put(Readable.from([content]), { raw });
          expect(await backend.list()).to.have.length(1);
        });
      }

      it('streams a multi-part upload (larger than one part, copied past the copy limit) and leaves no temp object', async () => {
        const store = backend.create(key);
        const chunks = Array.from({ length: 11 }, () => randomBytes(1 << 20));
        const whole = Buffer.concat(chunks);
        const stored = await store.put(Readable.from(chunks), {
          raw: true,
          maxBytes: whole.length,
        });
        expect(stored.sha256).to.equal(sha256(whole));
        expect((await store.get(stored.sha256, { raw: true })).equals(whole)).to.equal(true);
        const names = await backend.list();
        expect(names).to.have.length(1);
        expect(names[0]).to.match(/^blobs\/[0-9a-f]{64}\.raw$/);
        expect(names[0]).not.to.include(stored.sha256);
      });

      it('stores raw content encrypted: the object holds no plaintext', async () => {
        const store = backend.create(key);
        const stored = await store.put(content, { raw: true });
        const [name] = await backend.list();
        const sealed = await readAll((await store.backend.read(name))!);
        expect(sealed.includes(Buffer.from('13800138000'))).to.equal(false);
        expect(sealed.subarray(0, 8).toString()).to.equal('ANXRAW2\n');
        expect(await store.has(stored.sha256)).to.equal(true);
      });

      it('refuses content over maxBytes and leaves nothing behind', async () => {
        const store = backend.create(key);
        const code = await codeOf(
          store.put(Readable.from([randomBytes(600), randomBytes(600)]), {
            raw: true,
            maxBytes: 1000,
          }),
        );
        expect(code).to.equal('blob_too_large');
        expect(await backend.list()).to.deep.equal([]);
      });

      it('sweeps what an interrupted write staged once past the grace, and deletes blob objects by name', async () => {
        const store = backend.create(key);
        const kept = await store.put(content, { raw: true });
        // Staged and never published: what a process killed mid-upload leaves.
        await store.backend.stage(
          (async function* () {
            yield Buffer.from('half an upload');
          })(),
        );
        expect(await backend.list()).to.have.length(2);
        const nowMs = Date.now();
        expect(await store.sweepStaging(nowMs - 60_000)).to.equal(0);
        expect(await store.sweepStaging(nowMs + store.backend.stagingGraceMs + 60_000)).to.equal(1);
        expect(await backend.list()).to.have.length(1);
        const objects = await store.listBlobObjects();
        expect(objects.map((object) => object.name)).to.deep.equal([
          store.objectNamesOf(kept.sha256, true)[0],
        ]);
        await store.deleteBlobObject(objects[0].name);
        expect(await store.has(kept.sha256)).to.equal(false);
        expect(await backend.list()).to.deep.equal([]);
      });

      it('answers blob_not_found for unknown or malformed addresses', async () => {
        const store = backend.create(key);
        expect(await codeOf(store.open('0'.repeat(64), { raw: false }))).to.equal('blob_not_found');
        expect(await codeOf(store.get('../master.key', { raw: true }))).to.equal('blob_not_found');
        expect(await store.has('../master.key')).to.equal(false);
      });

      it('fails a stream whose content does not hash to its address, at its end', async () => {
        const store = backend.create(key);
        const edited = Buffer.from(content);
        edited[0] ^= 1;
        // Edited bytes under the original content's address, as someone with write access could.
        const forged = await store.backend.stage(Readable.from([edited]));
        expect(await forged.publish(`blobs/${sha256(content)}`)).to.equal(true);
        const stream = await store.open(sha256(content), { raw: false });
        expect(await codeOf(readAll(stream))).to.equal('blob_integrity_failed');
      });

      it('reopens in a worker from its spec, and refuses a differing master key at open', async () => {
        const store = backend.create(key);
        const stored = await store.put(content, { raw: true });
        const copy = blobStoreFromSpec(store.workerSpec());
        expect(await copy.get(stored.sha256, { raw: true })).to.deep.equal(content);
        const location = store.workerSpec().location;
        // First open records the key; the same key opens again; another key is refused.
        await openBlobStore(location, key);
        await openBlobStore(location, key);
        expect(await codeOf(openBlobStore(location, Buffer.alloc(32, 8)))).to.equal(
          'master_key_mismatch',
        );
        const names = await backend.list();
        expect(names).to.include('blobs/master-key.check');
      });
    });
  }
});
