// A listing preview reads only the leading bytes of its artifact, whatever the artifact's size.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { readTable, toCsvText, toJsonlText } from '../../../src/core/table/index.js';
import { readArtifactHead } from '../../../src/services/listings/artifact-head.js';
import type { BlobStore } from '../../../src/store/blob-store.js';
import { FileBlobStore } from '../../../src/store/file-blob-store.js';

const ROWS = 200_000;

describe('services/listings readArtifactHead', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anonex-head-'));
  const store = new FileBlobStore(dataDir, randomBytes(32));
  let bytesRead = 0;
  /** The store, counting the bytes a reader takes from opened streams. */
  const counting: BlobStore = Object.assign(Object.create(store) as BlobStore, {
    async open(sha256: string, options: { raw: boolean }): Promise<Readable> {
      const stream = await store.open(sha256, options);
      stream.on('data', (chunk: Buffer) => (bytesRead += chunk.length));
      return stream;
    },
  });
  const header = ['district', 'note', 'cost'];
  const columns = [
    Array.from({ length: ROWS }, (_, i) => ['和平区', '河西区'][i % 2]),
    Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 'line one\nline "two", end' : `n${i}`)),
    Array.from({ length: ROWS }, (_, i) => String(i % 977)),
  ];
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const [format, text] of [
    ['csv', toCsvText(header, columns)],
    ['jsonl', toJsonlText(header, columns)],
  ] as const) {
    it(`${format}: the first rows of a ${ROWS.toLocaleString('en')}-row artifact from its first bytes`, async () => {
      const bytes = Buffer.from(text, 'utf8');
      const { sha256 } = await store.put(bytes, { raw: false });
      bytesRead = 0;
      const head = await readArtifactHead(counting, sha256, format, 5);
      const preview = readTable(head, { format }).table.slice(0, 5).objects();
      expect(preview).to.deep.equal(readTable(bytes, { format }).table.slice(0, 5).objects());
      expect(bytesRead).to.be.below(bytes.length / 10);
    });
  }

  it('a small artifact is read whole, and asks for more rows than it has', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    const { sha256 } = await store.put(bytes, { raw: false });
    expect(await readArtifactHead(store, sha256, 'csv', 5)).to.deep.equal(bytes);
  });
});
