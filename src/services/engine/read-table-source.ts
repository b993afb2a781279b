// Reads an engine task's table inside its worker thread: straight from the blob store, streamed
// and decrypted a chunk at a time (the gateway never holds or copies the upload), or from bytes
// handed over in memory (tests, tools).
import {
  EncodedReadPasses,
  readEncodedTable,
  readTable,
  TableByteReader,
  toTextEncodingName,
  type EncodedLoadedTable,
  type EncodePlan,
  type LoadedTable,
  type TextEncodingName,
} from '../../core/table/index.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { BlobReference, TableInput } from './anonymization-engine.js';

/**
 * The table of `input`. A blob is read once, or twice when its encoding was left to detection and
 * a byte late in it proves it is GB18030 rather than UTF-8 (the bytes are not kept in between).
 * Requires `store` for a blob source. A blob that fails its integrity check rejects with the
 * store's error even after parsing started: nothing read from it is used.
 */
export async function readTableSource(
  input: TableInput,
  store: BlobStore | undefined,
): Promise<LoadedTable> {
  const forced = input.encoding === undefined ? undefined : toTextEncodingName(input.encoding);
  if ('content' in input)
    return readTable(input.content, { format: input.format, encoding: forced });
  if (store === undefined) throw new Error('a blob source needs the blob store');
  let encoding: TextEncodingName | undefined = forced;
  for (;;) {
    const reader = new TableByteReader({
      format: input.format,
      encoding,
      expectedBytes: input.blob.sizeBytes,
    });
    await writeBlob(reader, input.blob, store);
    const loaded = reader.end();
    if (loaded !== undefined) return loaded;
    encoding = reader.restartWith;
  }
}

/**
 * readTableSource keeping only what `plan` asks for (core/table EncodedReadPasses): a blob is
 * streamed once per pass (a first one counts the rows when the plan samples a column), and its
 * dropped columns never exist as strings.
 */
export async function readEncodedTableSource(
  input: TableInput,
  store: BlobStore | undefined,
  plan: EncodePlan,
): Promise<EncodedLoadedTable> {
  const encoding = input.encoding === undefined ? undefined : toTextEncodingName(input.encoding);
  if ('content' in input)
    return readEncodedTable(input.content, plan, { format: input.format, encoding });
  if (store === undefined) throw new Error('a blob source needs the blob store');
  const passes = new EncodedReadPasses(plan, {
    format: input.format,
    encoding,
    expectedBytes: input.blob.sizeBytes,
  });
  for (let reader = passes.next(); reader !== undefined; reader = passes.next()) {
    await writeBlob(reader, input.blob, store);
    passes.finish(reader);
  }
  return passes.result();
}

/**
 * Streams the blob `blob` (decrypted, a chunk at a time) into `reader`, stopping early once the
 * reader asks for a restart with another encoding.
 */
export async function writeBlob(
  reader: TableByteReader,
  blob: BlobReference,
  store: BlobStore,
): Promise<void> {
  const stream = await store.open(blob.sha256, { raw: blob.raw });
  for await (const chunk of stream) {
    reader.write(chunk as Uint8Array);
    if (reader.restartWith !== undefined) break;
  }
  stream.destroy();
}
