// Copying and hashing the files of a backup as streams (blobs may be larger than memory).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface HashedFile {
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** A pass-through stream that hashes and counts what flows through it. */
function hashingTap(): { tap: Transform; result: () => HashedFile } {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash.digest('hex'), sizeBytes }) };
}

/** Copies `from` to a new file `to` (0600, parents 0700; refuses to overwrite), hashing the bytes. */
export async function copyFileHashed(from: string, to: string): Promise<HashedFile> {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  const { tap, result } = hashingTap();
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx', mode: 0o600 }));
  return result();
}

export async function hashFile(path: string): Promise<HashedFile> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
