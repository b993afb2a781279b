// Validates the structure of an Arrow IPC file or stream before the decoder (flechette, through
// arquero) reads it. The decoder trusts the lengths it finds: a damaged vector count, message
// length or row count becomes an array of that size, and a few changed bytes exhaust the heap.
// Here every message and body must lie inside the input, every buffer inside its body and apart
// from the others, every row count must be backed by its buffers, and the rows of the whole input
// must fit a budget its size allows; the walk mirrors the decoder's so both read the same thing.
import {
  checkBatch,
  readBatchMetadata,
  RowBudget,
  type BatchMetadata,
} from './arrow-batch-check.js';
import { ArrowStructureError, FlatReader } from './arrow-flatbuffer.js';
import { checkKeyValues, readSchemaLayout, type SchemaLayout } from './arrow-schema-layout.js';

export { ArrowStructureError } from './arrow-flatbuffer.js';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const HEADER = { Schema: 1, DictionaryBatch: 2, RecordBatch: 3 } as const;
/** File footers list blocks; the decoder compares every dictionary block with every batch block. */
const MAX_BLOCK_PAIRS = 1_000_000;

interface Message {
  readonly type: number;
  readonly version: number;
  readonly reader: FlatReader;
  /** Where the header table's forward offset is, in `reader`. */
  readonly header: number;
  readonly body: Uint8Array;
  /** The byte after the message (and its body). */
  readonly end: number;
}

interface Batch {
  readonly metadata: BatchMetadata;
  readonly body: Uint8Array;
}

interface DictionaryBatch extends Batch {
  readonly id: number;
  readonly isDelta: boolean;
}

/** Throws ArrowStructureError naming the first defect; returns when the input is safe to decode. */
export function checkArrowIpc(bytes: Uint8Array): void {
  const isFile = MAGIC.every((byte, i) => bytes[i] === byte);
  const { schema, order } = isFile ? readFile(bytes) : readStream(bytes);
  const budget = new RowBudget(bytes.length);
  const dictionaries = new DictionaryTracker(schema, budget);
  for (const item of order) {
    if ('id' in item) {
      dictionaries.add(item);
      continue;
    }
    const lengths = checkBatch(item.metadata, item.body, schema.columns, budget, (id) =>
      dictionaries.use(id),
    );
    if (lengths.some((rows) => rows !== item.metadata.length))
      throw new ArrowStructureError(
        `a record batch of ${item.metadata.length} rows has a column of another length`,
      );
  }
}

/** The stream format: messages one after another, the schema first. */
function readStream(bytes: Uint8Array): {
  schema: SchemaLayout;
  order: (Batch | DictionaryBatch)[];
} {
  let schema: SchemaLayout | undefined;
  const order: (Batch | DictionaryBatch)[] = [];
  for (let at = 0; ;) {
    const message = readMessage(bytes, at);
    if (message === undefined) break;
    at = message.end;
    if (message.header === 0) continue;
    if (message.type === HEADER.Schema) {
      const read = readSchemaLayout(message.reader, message.header);
      schema ??= read;
      continue;
    }
    if (schema === undefined) throw new ArrowStructureError('a batch comes before the schema');
    order.push(readBatch(message));
  }
  if (schema === undefined) throw new ArrowStructureError('the stream holds no schema');
  return { schema, order };
}

/** The file format: a footer at the end lists the schema and where each block's message is. */
function readFile(bytes: Uint8Array): { schema: SchemaLayout; order: (Batch | DictionaryBatch)[] } {
  const end = bytes.length - MAGIC.length;
  if (end < 12 || !MAGIC.every((byte, i) => bytes[end + i] === byte))
    throw new ArrowStructureError('the file does not end with the ARROW1 magic');
  const reader = new FlatReader(bytes);
  const footerLength = reader.int32(end - 4);
  const footerStart = end - 4 - footerLength;
  if (footerLength <= 0 || footerStart < 8)
    throw new ArrowStructureError(`the footer length ${footerLength} does not fit the file`);
  const footer = reader.table(footerStart);
  const versionAt = reader.field(footer, 4);
  if (versionAt !== undefined) reader.int16(versionAt);
  const schemaAt = reader.field(footer, 6);
  if (schemaAt === undefined) throw new ArrowStructureError('the footer holds no schema');
  const schema = readSchemaLayout(reader, schemaAt);
  const metadataAt = reader.field(footer, 12);
  if (metadataAt !== undefined) checkKeyValues(reader, metadataAt);
  const dictionaryBlocks = readBlocks(reader, reader.field(footer, 8));
  const batchBlocks = readBlocks(reader, reader.field(footer, 10));
  if (dictionaryBlocks.length * batchBlocks.length > MAX_BLOCK_PAIRS)
    throw new ArrowStructureError('the footer lists too many blocks');
  const spans: { start: number; end: number }[] = [];
  const messageAt = (offset: number, type: number): Message => {
    const message = readMessage(bytes, offset);
    if (message === undefined || message.header === 0 || message.type !== type)
      throw new ArrowStructureError(
        `the block at byte ${offset} is not the message it is listed as`,
      );
    spans.push({ start: offset, end: message.end });
    return message;
  };
  const dictionaries = dictionaryBlocks.map((offset) => ({
    offset,
    batch: readBatch(messageAt(offset, HEADER.DictionaryBatch)),
  }));
  const batches = batchBlocks.map((offset) => ({
    offset,
    batch: readBatch(messageAt(offset, HEADER.RecordBatch)),
  }));
  // Blocks sharing bytes would have the decoder read one message many times over.
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++)
    if (spans[i].start < spans[i - 1].end)
      throw new ArrowStructureError(`two blocks overlap at byte ${spans[i].start}`);
  // The decoder's order: before each batch, the dictionaries (in footer order) up to the count
  // of dictionary blocks placed before it; the rest after the last batch.
  const order: (Batch | DictionaryBatch)[] = [];
  let next = 0;
  for (const { offset, batch } of batches) {
    const before = dictionaries.filter((d) => d.offset < offset).length;
    while (next < before) order.push(dictionaries[next++].batch);
    order.push(batch);
  }
  while (next < dictionaries.length) order.push(dictionaries[next++].batch);
  return { schema, order };
}

/** The message offsets of a footer's block vector (Block structs of 24 bytes). */
function readBlocks(reader: FlatReader, at: number | undefined): number[] {
  if (at === undefined) return [];
  const vector = reader.vector(at, 24);
  const offsets: number[] = [];
  for (let i = 0; i < vector.count; i++) {
    const entry = vector.first + i * 24;
    reader.int64(entry + 16);
    offsets.push(reader.int64(entry));
  }
  return offsets;
}

/** The message at `at`, or undefined at the end of the stream (a zero length or no bytes left). */
function readMessage(bytes: Uint8Array, at: number): Message | undefined {
  if (at < 0 || at > bytes.length)
    throw new ArrowStructureError(`a message at byte ${at} is outside the data`);
  const outer = new FlatReader(bytes);
  if (bytes.length - at < 4) {
    if (bytes.subarray(at).some((byte) => byte !== 0))
      throw new ArrowStructureError(`the data ends inside a message length at byte ${at}`);
    return undefined;
  }
  let metadataLength = outer.int32(at);
  let start = at + 4;
  if (metadataLength === -1) {
    // A continuation marker; the length follows.
    metadataLength = bytes.length - start < 4 ? 0 : outer.int32(start);
    start += 4;
  }
  if (metadataLength === 0) return undefined;
  if (metadataLength < 0 || start + metadataLength > bytes.length)
    throw new ArrowStructureError(
      `a message at byte ${at} declares ${metadataLength} bytes of metadata, the data holds ${bytes.length - start}`,
    );
  const reader = new FlatReader(bytes.subarray(start, start + metadataLength));
  const message = reader.table(0);
  const versionAt = reader.field(message, 4);
  const version = versionAt === undefined ? 0 : reader.int16(versionAt);
  const typeAt = reader.field(message, 6);
  const type = typeAt === undefined ? 0 : reader.uint8(typeAt);
  const header = reader.field(message, 8) ?? 0;
  const bodyLengthAt = reader.field(message, 10);
  const bodyLength = bodyLengthAt === undefined ? 0 : reader.int64(bodyLengthAt);
  let end = start + metadataLength;
  if (header === 0) return { type, version, reader, header, body: new Uint8Array(0), end };
  if (type !== HEADER.Schema && type !== HEADER.DictionaryBatch && type !== HEADER.RecordBatch)
    throw new ArrowStructureError(`a message at byte ${at} has the unsupported type ${type}`);
  if (bodyLength < 0 || end + bodyLength > bytes.length)
    throw new ArrowStructureError(
      `a message at byte ${at} declares a ${bodyLength}-byte body, the data holds ${bytes.length - end}`,
    );
  const body = bytes.subarray(end, end + Math.max(bodyLength, 0));
  end += bodyLength;
  return { type, version, reader, header, body, end };
}

function readBatch(message: Message): Batch | DictionaryBatch {
  const { reader, header, version, body } = message;
  if (message.type === HEADER.RecordBatch)
    return { metadata: readBatchMetadata(reader, header, version), body };
  if (message.type !== HEADER.DictionaryBatch)
    throw new ArrowStructureError('a schema message stands where a batch belongs');
  const table = reader.table(header);
  const idAt = reader.field(table, 4);
  const dataAt = reader.field(table, 6);
  const deltaAt = reader.field(table, 8);
  if (dataAt === undefined) throw new ArrowStructureError('a dictionary batch holds no data');
  return {
    id: idAt === undefined ? 0 : reader.int64(idAt),
    isDelta: deltaAt === undefined ? false : reader.uint8(deltaAt) !== 0,
    metadata: readBatchMetadata(reader, dataAt, version),
    body,
  };
}

/**
 * The dictionaries as the decoder builds them: a replacement starts one afresh, a delta appends.
 * The decoder materializes a dictionary's values once per version a batch uses, so each use of a
 * new version spends its rows from the budget.
 */
class DictionaryTracker {
  private readonly current = new Map<number, { rows: number; batches: number; used: boolean }>();

  constructor(
    private readonly schema: SchemaLayout,
    private readonly budget: RowBudget,
  ) {}

  add(batch: DictionaryBatch): void {
    const layout = this.schema.dictionaries.get(batch.id);
    if (layout === undefined)
      throw new ArrowStructureError(`a dictionary batch has id ${batch.id}, which no field uses`);
    const [rows] = checkBatch(batch.metadata, batch.body, [layout], this.budget, () => {
      throw new ArrowStructureError('a dictionary holds dictionary-encoded values');
    });
    const existing = this.current.get(batch.id);
    if (batch.isDelta) {
      if (existing === undefined)
        throw new ArrowStructureError(`dictionary ${batch.id} starts with a delta`);
      // Each delta copies the list of batches before it.
      this.budget.spend(existing.batches, 'a dictionary delta');
      this.current.set(batch.id, {
        rows: existing.rows + rows,
        batches: existing.batches + 1,
        used: false,
      });
    } else this.current.set(batch.id, { rows, batches: 1, used: false });
  }

  use(id: number): void {
    const dictionary = this.current.get(id);
    if (dictionary === undefined)
      throw new ArrowStructureError(`dictionary ${id} is used before it is defined`);
    if (dictionary.used) return;
    dictionary.used = true;
    this.budget.spend(dictionary.rows, 'a dictionary');
  }
}
