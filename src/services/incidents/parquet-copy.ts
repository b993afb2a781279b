// A leaked copy filed as Parquet (a buyer may download one, copy-stream.ts) turned into CSV bytes
// the attribution's table readers read: the gateway's DuckDB decodes it on its own threads, with
// no extension and no file but the two scratch files named here.
import { createWriteStream } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { sql } from '../../core/query/index.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { ServingArtifacts } from '../delivery/serving-artifacts.js';
import { pathLiteral } from '../delivery/served-artifact.js';
import { validationFailed } from '../errors.js';

const PARQUET_MAGIC = Buffer.from('PAR1', 'ascii');

/** True when `head` (a file's first bytes) starts with Parquet's magic number. */
export function startsAsParquet(head: Uint8Array): boolean {
  return head.length >= PARQUET_MAGIC.length && PARQUET_MAGIC.equals(head.subarray(0, 4));
}

/** The first bytes of a stored blob (a leaked copy just filed), without reading the rest. */
export async function blobHead(blobs: BlobStore, sha256: string, raw: boolean): Promise<Buffer> {
  const stream = await blobs.open(sha256, { raw });
  try {
    for await (const chunk of stream) return Buffer.from(chunk as Uint8Array);
    return Buffer.alloc(0);
  } finally {
    stream.destroy();
  }
}

export interface StoredParquetCopy {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Named in the refusal, so the filer knows which file was damaged. */
  readonly filename: string | null;
}

/**
 * The CSV (header, UTF-8) of the Parquet copy stored raw as `copy.sha256`. The copy must carry
 * `PAR1` at both ends and decode whole; else `validation_failed` naming the file, as for any copy
 * that is not a table. A CSV over `maxBytes` is refused too: the attribution reads it whole, like
 * a copy filed as CSV. The scratch files are removed whatever happens.
 */
export async function parquetCopyAsCsv(
  serving: ServingArtifacts,
  blobs: BlobStore,
  copy: StoredParquetCopy,
  maxBytes: number,
): Promise<Buffer> {
  const parquetPath = await serving.scratchFile('parquet');
  const csvPath = await serving.scratchFile('csv');
  const name = copy.filename ?? `the copy ${copy.sha256.slice(0, 12)}`;
  const refuse = (reason: string, code: 'invalid' | 'too_large' = 'invalid') =>
    validationFailed(`the leaked copy cannot be attributed: ${name} ${reason}`, [
      {
        field: 'leakedCopy',
        reason: `${name} ${reason}`,
        code,
        ...(code === 'too_large' ? { params: { max: maxBytes } } : {}),
      },
    ]);
  try {
    await pipeline(
      await blobs.open(copy.sha256, { raw: true }),
      createWriteStream(parquetPath, { mode: 0o600, flags: 'wx' }),
    );
    if (!(await hasParquetMagicAtBothEnds(parquetPath, copy.sizeBytes)))
      throw refuse('is not a whole Parquet file (PAR1 missing at its start or end)');
    try {
      await serving.engine.run(
        sql`COPY (SELECT * FROM read_parquet(${pathLiteral(parquetPath)})) TO ${pathLiteral(csvPath)} (FORMAT csv, HEADER true)`,
      );
    } catch {
      // DuckDB's message may quote the file's bytes or our scratch path: neither goes to the filer.
      throw refuse('is a damaged Parquet file (it does not decode)');
    }
    const { size } = await stat(csvPath);
    if (size > maxBytes)
      throw refuse(
        `decodes to ${size} bytes of CSV, over the ${maxBytes} a copy may have`,
        'too_large',
      );
    return await readFile(csvPath);
  } finally {
    await rm(parquetPath, { force: true });
    await rm(csvPath, { force: true });
  }
}

async function hasParquetMagicAtBothEnds(path: string, sizeBytes: number): Promise<boolean> {
  // The smallest Parquet file: magic, a footer length, magic.
  if (sizeBytes < 12) return false;
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    await file.read(tail, 0, 4, sizeBytes - 4);
    return PARQUET_MAGIC.equals(head) && PARQUET_MAGIC.equals(tail);
  } finally {
    await file.close();
  }
}
