// A leaked Parquet copy decoded to CSV by the serving engine (incidents/parquet-copy.ts): the rows
// as written, the size limit on the CSV, the magic checks, and no scratch file left behind.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { sql } from '../../../src/core/query/index.js';
import { pathLiteral } from '../../../src/services/delivery/served-artifact.js';
import { ServingArtifacts } from '../../../src/services/delivery/serving-artifacts.js';
import { ServiceError } from '../../../src/services/errors.js';
import { parquetCopyAsCsv, startsAsParquet } from '../../../src/services/incidents/parquet-copy.js';
import { FileBlobStore } from '../../../src/store/file-blob-store.js';

const ROWS = 500;

describe('incidents: a Parquet copy decoded to CSV', function () {
  this.timeout(60_000);
  let dataDir: string;
  let blobs: FileBlobStore;
  let serving: ServingArtifacts;
  let parquet: Buffer;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-parquet-copy-'));
    blobs = new FileBlobStore(dataDir, randomBytes(32));
    serving = new ServingArtifacts(loadConfig({ DATA_DIR: dataDir }).serving, blobs);
    const path = join(dataDir, 'made.parquet');
    await serving.engine.run(
      sql`COPY (SELECT i AS visits, 'zone ' || i AS zone, DATE '2026-01-01' + CAST(i AS INTEGER) AS seen FROM range(${{ sql: String(ROWS), params: [] }}) AS t(i)) TO ${pathLiteral(path)} (FORMAT parquet)`,
    );
    parquet = readFileSync(path);
  });
  after(async () => {
    await serving.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const store = async (bytes: Buffer) => {
    const stored = await blobs.put(bytes, { raw: true });
    return { sha256: stored.sha256, sizeBytes: stored.sizeBytes, filename: 'leak.parquet' };
  };
  const scratchFiles = () => readdirSync(join(dataDir, 'serving', 'scratch'));

  it('recognises Parquet by its first bytes only', () => {
    expect(startsAsParquet(parquet)).to.equal(true);
    expect(startsAsParquet(Buffer.from('visits,zone\n1,a\n'))).to.equal(false);
    expect(startsAsParquet(Buffer.from('PA'))).to.equal(false);
  });

  it('writes every row as CSV under a header, and removes its scratch files', async () => {
    const csv = (await parquetCopyAsCsv(serving, blobs, await store(parquet), 1 << 20)).toString();
    const expected = [
      'visits,zone,seen',
      ...Array.from({ length: ROWS }, (_, i) => {
        const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
        return `${i},zone ${i},${day}`;
      }),
    ];
    expect(csv.trimEnd().split('\n')).to.deep.equal(expected);
    expect(scratchFiles()).to.deep.equal([]);
  });

  it('refuses a CSV over the limit as too_large, naming the file', async () => {
    const error = await parquetCopyAsCsv(serving, blobs, await store(parquet), 1000).catch(
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ServiceError);
    const refused = error as ServiceError;
    expect(refused.code).to.equal('validation_failed');
    expect(refused.issues[0]).to.include({ field: 'leakedCopy', code: 'too_large' });
    expect(refused.issues[0].reason).to.match(/^leak\.parquet /);
    expect(scratchFiles()).to.deep.equal([]);
  });

  it('refuses bytes that start as Parquet but do not end as one', async () => {
    const cut = parquet.subarray(0, parquet.length - 1);
    const error = await parquetCopyAsCsv(serving, blobs, await store(cut), 1 << 20).catch(
      (caught: unknown) => caught,
    );
    expect((error as ServiceError).code).to.equal('validation_failed');
    expect((error as ServiceError).issues[0]).to.include({ field: 'leakedCopy', code: 'invalid' });
    expect(scratchFiles()).to.deep.equal([]);
  });
});
