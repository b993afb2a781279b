// Reads an Arrow schema (bounds-checked, see arrow-flatbuffer.ts) into the buffer layout each
// column has in a record batch: which buffers follow its field node and how many bytes its row
// count needs in each. The order of fields, nodes and buffers is the Arrow decoder's (flechette's
// `visit`), so the IPC check and the decoder walk a batch the same way.
import { ArrowStructureError, type FlatReader, type FlatTable } from './arrow-flatbuffer.js';

/** How a column is laid out in a record batch: its buffers in order, then its children. */
export type ColumnLayout =
  | { readonly kind: 'null' }
  /**
   * A validity bitmap and a values buffer of `bitsPerValue` bits a row (Bool: 1). `int64` marks
   * 64-bit integers the decoder turns into numbers, which it cannot do beyond ±2^53.
   */
  | {
      readonly kind: 'fixed';
      readonly bitsPerValue: number;
      readonly int64?: 'signed' | 'unsigned';
    }
  /** A validity bitmap, offsets of `offsetBytes` each, and the bytes (Utf8, Binary). */
  | { readonly kind: 'variable'; readonly offsetBytes: 4 | 8 }
  /** A validity bitmap, offsets of `offsetBytes` each into the child's rows (List, Map). */
  | { readonly kind: 'list'; readonly offsetBytes: 4 | 8; readonly child: ColumnLayout }
  /** A validity bitmap and a child of `size` rows a row. */
  | { readonly kind: 'fixed-list'; readonly size: number; readonly child: ColumnLayout }
  /** A validity bitmap and children with at least the struct's rows. */
  | { readonly kind: 'struct'; readonly children: readonly ColumnLayout[] }
  /** A validity bitmap and indices of `indexBytes` each into dictionary `id`. */
  | { readonly kind: 'dictionary'; readonly id: number; readonly indexBytes: number };

export interface SchemaLayout {
  readonly columns: readonly ColumnLayout[];
  /** Each dictionary id with the layout of its values (one field per id). */
  readonly dictionaries: ReadonlyMap<number, ColumnLayout>;
}

/** Arrow's type ids (Schema.fbs `Type`). */
const TYPE = {
  Null: 1,
  Int: 2,
  Float: 3,
  Binary: 4,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Time: 9,
  Timestamp: 10,
  Interval: 11,
  List: 12,
  Struct: 13,
  Union: 14,
  FixedSizeBinary: 15,
  FixedSizeList: 16,
  Map: 17,
  Duration: 18,
  LargeBinary: 19,
  LargeUtf8: 20,
  LargeList: 21,
  RunEndEncoded: 22,
  BinaryView: 23,
  Utf8View: 24,
  ListView: 25,
  LargeListView: 26,
} as const;

/** Types the reader refuses: none comes out of a spreadsheet, and each has rows no buffer backs. */
const UNSUPPORTED: Readonly<Record<number, string>> = {
  [TYPE.Union]: 'Union',
  [TYPE.RunEndEncoded]: 'RunEndEncoded',
  [TYPE.BinaryView]: 'BinaryView',
  [TYPE.Utf8View]: 'Utf8View',
  [TYPE.ListView]: 'ListView',
  [TYPE.LargeListView]: 'LargeListView',
};

/** Deeper nesting than this is refused: no table needs it, and it bounds the walk. */
const MAX_DEPTH = 32;

/**
 * Reads the Schema table at forward offset `at`. A budget bounds the fields visited, so children
 * vectors that point at the same fields many times over cannot multiply the work.
 */
export function readSchemaLayout(reader: FlatReader, at: number): SchemaLayout {
  const walk = new SchemaWalk(reader);
  const schema = reader.table(at);
  const fields = reader.field(schema, 6);
  const columns = fields === undefined ? [] : walk.fields(fields, 0);
  const metadata = reader.field(schema, 8);
  if (metadata !== undefined) walk.keyValues(metadata);
  return { columns, dictionaries: walk.dictionaries };
}

/** Checks a custom metadata vector (key-value strings) at forward offset `at` fits its bytes. */
export function checkKeyValues(reader: FlatReader, at: number): void {
  new SchemaWalk(reader).keyValues(at);
}

class SchemaWalk {
  readonly dictionaries = new Map<number, ColumnLayout>();
  /** Fields left to visit: a schema cannot hold more fields than it has bytes for. */
  private fieldBudget: number;

  constructor(private readonly reader: FlatReader) {
    this.fieldBudget = Math.ceil(reader.length / 4);
  }

  fields(at: number, depth: number): ColumnLayout[] {
    if (depth > MAX_DEPTH)
      throw new ArrowStructureError(`the schema nests fields more than ${MAX_DEPTH} deep`);
    const vector = this.reader.vector(at, 4);
    const layouts: ColumnLayout[] = [];
    for (let i = 0; i < vector.count; i++) layouts.push(this.field(vector.first + i * 4, depth));
    return layouts;
  }

  keyValues(at: number): void {
    const vector = this.reader.vector(at, 4);
    for (let i = 0; i < vector.count; i++) {
      const entry = this.reader.table(vector.first + i * 4);
      this.optionalString(entry, 4);
      this.optionalString(entry, 6);
    }
  }

  private field(at: number, depth: number): ColumnLayout {
    if (--this.fieldBudget < 0)
      throw new ArrowStructureError('the schema visits more fields than its bytes can hold');
    const reader = this.reader;
    const field = reader.table(at);
    this.optionalString(field, 4);
    const typeIdAt = reader.field(field, 8);
    const typeId = typeIdAt === undefined ? 0 : reader.uint8(typeIdAt);
    const typeAt = reader.field(field, 10);
    const childrenAt = reader.field(field, 14);
    const children = childrenAt === undefined ? [] : this.fields(childrenAt, depth + 1);
    const metadata = reader.field(field, 16);
    if (metadata !== undefined) this.keyValues(metadata);
    const values = this.valueLayout(typeId, typeAt, children);
    const dictionaryAt = reader.field(field, 12);
    if (dictionaryAt === undefined) return values;
    const dictionary = reader.table(dictionaryAt);
    const idAt = reader.field(dictionary, 4);
    const id = idAt === undefined ? 0 : reader.int64(idAt);
    const indexTypeAt = reader.field(dictionary, 6);
    const indexBits = indexTypeAt === undefined ? 32 : this.intBits(reader.table(indexTypeAt));
    if (this.dictionaries.has(id))
      throw new ArrowStructureError(`two fields are encoded with dictionary ${id}`);
    this.dictionaries.set(id, values);
    return { kind: 'dictionary', id, indexBytes: indexBits / 8 };
  }

  private valueLayout(
    typeId: number,
    typeAt: number | undefined,
    children: readonly ColumnLayout[],
  ): ColumnLayout {
    const unsupported = UNSUPPORTED[typeId];
    if (unsupported !== undefined)
      throw new ArrowStructureError(`the Arrow type ${unsupported} is not supported`);
    switch (typeId) {
      case TYPE.Null:
        return { kind: 'null' };
      case TYPE.Bool:
        return { kind: 'fixed', bitsPerValue: 1 };
      case TYPE.Binary:
      case TYPE.Utf8:
        return { kind: 'variable', offsetBytes: 4 };
      case TYPE.LargeBinary:
      case TYPE.LargeUtf8:
        return { kind: 'variable', offsetBytes: 8 };
      case TYPE.Struct:
        return { kind: 'struct', children };
      case TYPE.List:
      case TYPE.LargeList:
      case TYPE.Map:
        if (children.length !== 1)
          throw new ArrowStructureError(`a list or map field has ${children.length} children`);
        return { kind: 'list', offsetBytes: typeId === TYPE.LargeList ? 8 : 4, child: children[0] };
    }
    if (typeAt === undefined)
      throw new ArrowStructureError(`a field of type ${typeId} has no type description`);
    const type = this.reader.table(typeAt);
    switch (typeId) {
      case TYPE.Int: {
        const bits = this.intBits(type);
        if (bits < 64) return { kind: 'fixed', bitsPerValue: bits };
        const signedAt = this.reader.field(type, 6);
        const signed = signedAt !== undefined && this.reader.uint8(signedAt) !== 0;
        return { kind: 'fixed', bitsPerValue: 64, int64: signed ? 'signed' : 'unsigned' };
      }
      case TYPE.Float:
        return { kind: 'fixed', bitsPerValue: pick(this.int16(type, 4, 0), [16, 32, 64]) };
      case TYPE.Decimal: {
        const bits = oneOf(this.int32(type, 8, 128), [32, 64, 128, 256]);
        return { kind: 'fixed', bitsPerValue: bits };
      }
      case TYPE.Date:
        return pick(this.int16(type, 4, 1), [32, 64]) === 64
          ? { kind: 'fixed', bitsPerValue: 64, int64: 'signed' }
          : { kind: 'fixed', bitsPerValue: 32 };
      case TYPE.Time: {
        const bits = pick(this.int16(type, 4, 1), [32, 32, 64, 64]);
        return bits === 64
          ? { kind: 'fixed', bitsPerValue: 64, int64: 'signed' }
          : { kind: 'fixed', bitsPerValue: 32 };
      }
      case TYPE.Timestamp:
        this.optionalString(type, 6);
        // Seconds and milliseconds are read as numbers; finer units are divided first.
        return pick(this.int16(type, 4, 0), [1, 1, 0, 0]) === 1
          ? { kind: 'fixed', bitsPerValue: 64, int64: 'signed' }
          : { kind: 'fixed', bitsPerValue: 64 };
      case TYPE.Duration:
        pick(this.int16(type, 4, 1), [64, 64, 64, 64]);
        return { kind: 'fixed', bitsPerValue: 64, int64: 'signed' };
      case TYPE.Interval:
        return { kind: 'fixed', bitsPerValue: pick(this.int16(type, 4, 0), [32, 64, 128]) };
      case TYPE.FixedSizeBinary: {
        const width = this.int32(type, 4, 0);
        if (width < 0) throw new ArrowStructureError(`a fixed-size binary width is ${width}`);
        return { kind: 'fixed', bitsPerValue: width * 8 };
      }
      case TYPE.FixedSizeList: {
        const size = this.int32(type, 4, 0);
        if (size < 0 || children.length !== 1)
          throw new ArrowStructureError('a fixed-size list needs one child and a size ≥ 0');
        return { kind: 'fixed-list', size, child: children[0] };
      }
    }
    throw new ArrowStructureError(`the Arrow type id ${typeId} is unknown`);
  }

  private intBits(type: FlatTable): number {
    return oneOf(this.int32(type, 4, 0), [8, 16, 32, 64]);
  }

  private int16(table: FlatTable, slot: number, fallback: number): number {
    const at = this.reader.field(table, slot);
    return at === undefined ? fallback : this.reader.int16(at);
  }

  private int32(table: FlatTable, slot: number, fallback: number): number {
    const at = this.reader.field(table, slot);
    return at === undefined ? fallback : this.reader.int32(at);
  }

  private optionalString(table: FlatTable, slot: number): void {
    const at = this.reader.field(table, slot);
    if (at !== undefined) this.reader.string(at);
  }
}

/** `value` when it is one of `allowed`; another is a damaged or unknown type parameter. */
function oneOf(value: number, allowed: readonly number[]): number {
  if (!allowed.includes(value))
    throw new ArrowStructureError(`a type parameter (${value}) is unknown`);
  return value;
}

/** `choices[index]`, refusing an enum value the format does not define. */
function pick(index: number, choices: readonly number[]): number {
  const choice = index >= 0 ? choices[index] : undefined;
  if (choice === undefined) throw new ArrowStructureError(`a type parameter (${index}) is unknown`);
  return choice;
}
