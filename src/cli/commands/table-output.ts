// Shared by anonymize and search: writing an output table to a file without leaving half of it.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Writes `chunks` to a temporary file next to `path`, then renames it into place, so an
 * interrupted or failed run never leaves half a file under the final name. The chunks are
 * written as they come (a large table's bytes never exist whole). Returns the SHA-256 and the
 * size of what was written; a failure removes the temporary file and rethrows.
 */
export function writeChunksAtomically(
  path: string,
  chunks: Iterable<Uint8Array>,
): { sha256: string; bytes: number } {
  const temporary = `${path}.${process.pid}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    for (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length;)
        offset += writeSync(fd, chunk, offset, chunk.length - offset);
      hash.update(chunk);
      bytes += chunk.length;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}
