// The leading bytes of an artifact that hold a listing preview's rows: a preview of three rows
// never reads (or parses, on the event loop) an artifact of millions.
import { textTableHead } from '../../core/table/index.js';
import type { BlobStore } from '../../store/blob-store.js';

/**
 * The bytes of artifact `sha256` (anonymized, so not raw) that hold its first `rows` rows: a
 * CSV or JSON Lines artifact is read from its start only as far as those rows reach, then the
 * stream is closed; an Arrow artifact is read whole (its batches are not split by rows).
 */
export async function readArtifactHead(
  blobs: BlobStore,
  sha256: string,
  format: string,
  rows: number,
): Promise<Buffer> {
  if (format !== 'csv' && format !== 'jsonl') return blobs.get(sha256, { raw: false });
  const stream = await blobs.open(sha256, { raw: false });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      const head = textTableHead(Buffer.concat(chunks), format, rows);
      if (head !== undefined) return Buffer.from(head);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.from(textTableHead(Buffer.concat(chunks), format, rows, true)!);
}
