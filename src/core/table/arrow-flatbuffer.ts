// A bounds-checked reader of the FlatBuffers that Arrow IPC metadata is written in. It reads the
// same positions the Arrow decoder does, but every offset, vtable and vector is checked to lie
// inside the bytes first, so a damaged length is refused here instead of becoming an allocation.

/** Thrown for any structure that does not fit its bytes; the caller turns it into a TableError. */
export class ArrowStructureError extends Error {}

/** A FlatBuffers table: where it starts and its vtable, already checked to fit the bytes. */
export interface FlatTable {
  readonly at: number;
  readonly vtable: number;
  readonly vtableBytes: number;
}

/** A FlatBuffers vector: the first element's position and the element count, checked to fit. */
export interface FlatVector {
  readonly first: number;
  readonly count: number;
}

export class FlatReader {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  uint8(at: number): number {
    this.within(at, 1);
    return this.view.getUint8(at);
  }

  int16(at: number): number {
    this.within(at, 2);
    return this.view.getInt16(at, true);
  }

  int32(at: number): number {
    this.within(at, 4);
    return this.view.getInt32(at, true);
  }

  /** A 64-bit integer as a number; one a JavaScript number cannot hold exactly is refused. */
  int64(at: number): number {
    this.within(at, 8);
    const value = this.view.getBigInt64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new ArrowStructureError(`a 64-bit value at byte ${at} is out of range`);
    return Number(value);
  }

  /** The table a forward offset at `at` points to (the root table is the one at 0). */
  table(at: number): FlatTable {
    const start = at + this.forwardOffset(at);
    const vtable = start - this.int32(start);
    const vtableBytes = this.int16(vtable);
    if (vtableBytes < 4 || vtableBytes % 2 !== 0)
      throw new ArrowStructureError(
        `a table at byte ${start} has a vtable of ${vtableBytes} bytes`,
      );
    this.within(vtable, vtableBytes);
    return { at: start, vtable, vtableBytes };
  }

  /**
   * Where field `slot` of `table` is stored (slot as the Arrow decoder numbers it: 4 for the
   * first field, 6 for the second, …), or undefined when the field is absent.
   */
  field(table: FlatTable, slot: number): number | undefined {
    if (slot >= table.vtableBytes) return undefined;
    const offset = this.int16(table.vtable + slot);
    if (offset === 0) return undefined;
    if (offset < 0)
      throw new ArrowStructureError(`a field offset at byte ${table.vtable} is negative`);
    const at = table.at + offset;
    this.within(at, 1);
    return at;
  }

  /** A vector whose forward offset is at `at`, each element `stride` bytes, checked to fit. */
  vector(at: number, stride: number): FlatVector {
    const start = at + this.forwardOffset(at);
    const count = this.int32(start);
    if (count < 0) throw new ArrowStructureError(`a vector at byte ${start} has a negative length`);
    // Checked before anything is allocated: a damaged count is the classic way to ask for gigabytes.
    if (count > (this.length - start - 4) / stride)
      throw new ArrowStructureError(
        `a vector at byte ${start} declares ${count} entries, more than its ${this.length} bytes hold`,
      );
    return { first: start + 4, count };
  }

  /** Checks the string whose forward offset is at `at` lies inside the bytes. */
  string(at: number): void {
    const start = at + this.forwardOffset(at);
    const length = this.int32(start);
    if (length < 0)
      throw new ArrowStructureError(`a string at byte ${start} has a negative length`);
    this.within(start + 4, length);
  }

  private forwardOffset(at: number): number {
    const offset = this.int32(at);
    if (offset < 0) throw new ArrowStructureError(`an offset at byte ${at} points backwards`);
    return offset;
  }

  private within(at: number, size: number): void {
    if (!Number.isSafeInteger(at) || at < 0 || at + size > this.length)
      throw new ArrowStructureError(`a read of ${size} bytes at byte ${at} is outside the data`);
  }
}
