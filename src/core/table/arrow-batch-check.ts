// Checks one Arrow record or dictionary batch against its columns' layouts before any decoder
// sizes an array by it: every buffer inside the body and apart from the others, every row count
// backed by the bytes its buffers need, offsets in order and inside what they index, and all the
// rows of the input within a budget its size allows.
import { ArrowStructureError, type FlatReader } from './arrow-flatbuffer.js';
import type { ColumnLayout } from './arrow-schema-layout.js';

export interface FieldNode {
  readonly length: number;
  readonly nullCount: number;
}

export interface BufferRegion {
  readonly offset: number;
  readonly length: number;
}

export interface BatchMetadata {
  readonly length: number;
  readonly nodes: readonly FieldNode[];
  readonly buffers: readonly BufferRegion[];
}

/**
 * The rows (field-node lengths, summed over every column, child and batch) an input may declare:
 * eight a byte, as many as a bit-packed Bool column holds, plus a margin for columns of type Null,
 * which need no bytes. Nothing a decoder allocates grows faster than these rows.
 */
export class RowBudget {
  private left: number;

  constructor(private readonly inputBytes: number) {
    this.left = inputBytes * 8 + (1 << 20);
  }

  spend(rows: number, what: string): void {
    this.left -= rows;
    if (this.left < 0)
      throw new ArrowStructureError(
        `${what} declares ${rows} rows, more than an input of ${this.inputBytes} bytes can hold`,
      );
  }
}

/** Reads a RecordBatch table at forward offset `at` (FlatBuffers), checking it fits its bytes. */
export function readBatchMetadata(reader: FlatReader, at: number, version: number): BatchMetadata {
  const batch = reader.table(at);
  const lengthAt = reader.field(batch, 4);
  const length = lengthAt === undefined ? 0 : reader.int64(lengthAt);
  if (reader.field(batch, 10) !== undefined)
    throw new ArrowStructureError('compressed Arrow record batches are not supported');
  const variadicAt = reader.field(batch, 12);
  if (variadicAt !== undefined) reader.vector(variadicAt, 8);
  const nodes: FieldNode[] = [];
  const nodesAt = reader.field(batch, 6);
  if (nodesAt !== undefined) {
    const vector = reader.vector(nodesAt, 16);
    for (let i = 0; i < vector.count; i++) {
      const entry = vector.first + i * 16;
      nodes.push({ length: reader.int64(entry), nullCount: reader.int64(entry + 8) });
    }
  }
  const buffers: BufferRegion[] = [];
  const buffersAt = reader.field(batch, 8);
  if (buffersAt !== undefined) {
    // Before metadata version 4 each buffer began with an 8-byte page id.
    const skip = version < 3 ? 8 : 0;
    const vector = reader.vector(buffersAt, 16 + skip);
    for (let i = 0; i < vector.count; i++) {
      const entry = vector.first + i * (16 + skip) + skip;
      buffers.push({ offset: reader.int64(entry), length: reader.int64(entry + 8) });
    }
  }
  return { length, nodes, buffers };
}

/** Called with the id each dictionary-encoded column refers to; the caller tracks dictionaries. */
export type DictionaryUse = (id: number) => void;

/**
 * Walks `columns` through the batch's nodes and buffers in the decoder's order and checks each;
 * returns the top-level column lengths.
 */
export function checkBatch(
  metadata: BatchMetadata,
  body: Uint8Array,
  columns: readonly ColumnLayout[],
  budget: RowBudget,
  useDictionary: DictionaryUse,
): number[] {
  const walk = new BatchWalk(metadata, body, budget, useDictionary);
  const lengths = columns.map((column) => walk.column(column));
  walk.checkBuffersApart();
  return lengths;
}

class BatchWalk {
  private nextNode = 0;
  private nextBuffer = 0;
  private readonly used: BufferRegion[] = [];
  private readonly view: DataView;

  constructor(
    private readonly metadata: BatchMetadata,
    private readonly body: Uint8Array,
    private readonly budget: RowBudget,
    private readonly useDictionary: DictionaryUse,
  ) {
    this.view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  }

  /** Checks one column (and its children); returns its row count. */
  column(layout: ColumnLayout): number {
    const node = this.metadata.nodes[this.nextNode++];
    if (node === undefined)
      throw new ArrowStructureError('a batch has fewer field nodes than columns');
    const rows = node.length;
    if (rows < 0 || node.nullCount < 0 || node.nullCount > rows)
      throw new ArrowStructureError(`a field node has ${rows} rows and ${node.nullCount} nulls`);
    this.budget.spend(rows, 'a batch');
    if (layout.kind === 'null') return rows;
    const validity = this.buffer();
    if (node.nullCount > 0) this.needs(validity, Math.ceil(rows / 8), rows, 'validity bitmap');
    switch (layout.kind) {
      case 'fixed': {
        const values = this.buffer();
        this.needs(values, Math.ceil((rows * layout.bitsPerValue) / 8), rows, 'values');
        if (layout.int64 !== undefined)
          this.checkExactIntegers(
            values,
            rows,
            layout.int64,
            node.nullCount > 0 ? validity : undefined,
          );
        break;
      }
      case 'variable': {
        const offsets = this.buffer();
        const values = this.buffer();
        this.checkOffsets(offsets, rows, layout.offsetBytes, values.length);
        break;
      }
      case 'list': {
        const offsets = this.buffer();
        this.checkOffsets(offsets, rows, layout.offsetBytes, this.column(layout.child));
        break;
      }
      case 'fixed-list': {
        const childRows = this.column(layout.child);
        if (childRows < rows * layout.size)
          throw new ArrowStructureError(
            `a fixed-size list of ${rows} rows of ${layout.size} has ${childRows} child rows`,
          );
        break;
      }
      case 'struct':
        for (const child of layout.children)
          if (this.column(child) < rows)
            throw new ArrowStructureError(`a struct of ${rows} rows has a shorter child`);
        break;
      case 'dictionary':
        this.needs(this.buffer(), rows * layout.indexBytes, rows, 'dictionary indices');
        this.useDictionary(layout.id);
        break;
    }
    return rows;
  }

  /** Buffers overlapping would let one body's bytes be decoded many times over. */
  checkBuffersApart(): void {
    const regions = this.used.filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < regions.length; i++)
      if (regions[i].offset < regions[i - 1].offset + regions[i - 1].length)
        throw new ArrowStructureError(
          `two buffers of a batch overlap at byte ${regions[i].offset}`,
        );
  }

  private buffer(): BufferRegion {
    const region = this.metadata.buffers[this.nextBuffer++];
    if (region === undefined)
      throw new ArrowStructureError('a batch has fewer buffers than its columns use');
    if (region.offset < 0 || region.length < 0 || region.offset + region.length > this.body.length)
      throw new ArrowStructureError(
        `a buffer at ${region.offset} of ${region.length} bytes is outside the ${this.body.length}-byte body`,
      );
    this.used.push(region);
    return region;
  }

  private needs(region: BufferRegion, bytes: number, rows: number, what: string): void {
    if (region.length < bytes)
      throw new ArrowStructureError(
        `${rows} rows need ${bytes} bytes of ${what}, the buffer holds ${region.length}`,
      );
  }

  /** The decoder reads 64-bit integers as numbers and throws at one beyond ±2^53: refuse it here. */
  private checkExactIntegers(
    values: BufferRegion,
    rows: number,
    sign: 'signed' | 'unsigned',
    validity: BufferRegion | undefined,
  ): void {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    for (let row = 0; row < rows; row++) {
      if (validity !== undefined) {
        const bits = this.body[validity.offset + (row >> 3)];
        if ((bits & (1 << (row & 7))) === 0) continue;
      }
      const at = values.offset + row * 8;
      const value =
        sign === 'signed' ? this.view.getBigInt64(at, true) : this.view.getBigUint64(at, true);
      if (value > max || value < -max)
        throw new ArrowStructureError(
          `row ${row} holds the 64-bit integer ${value}, beyond the ±2^53 a number holds exactly`,
        );
    }
  }

  /** Offsets start at 0 or more, never decrease, and end within `limit` (bytes or child rows). */
  private checkOffsets(region: BufferRegion, rows: number, width: 4 | 8, limit: number): void {
    if (rows === 0) return;
    this.needs(region, (rows + 1) * width, rows, 'offsets');
    let previous = 0;
    for (let i = 0; i <= rows; i++) {
      const at = region.offset + i * width;
      const offset =
        width === 4 ? this.view.getInt32(at, true) : Number(this.view.getBigInt64(at, true));
      if (offset < previous || offset > limit)
        throw new ArrowStructureError(
          `offset ${i} (${offset}) is out of order or beyond the ${limit} it indexes`,
        );
      previous = offset;
    }
  }
}
