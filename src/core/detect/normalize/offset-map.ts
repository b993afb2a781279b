// Where each code unit of a rewritten text came from in the text it was rewritten from.

/**
 * For a text derived from a source (normalized, decoded, unescaped): code unit i of the derived
 * text came from source[starts[i], ends[i]). A span [start, end) of the derived text therefore
 * names source[starts[start], ends[end − 1]): the exact characters a finding must replace,
 * including any removed characters inside it (a zero-width space between two digits).
 * `null` arrays mean the identity: the derived text is the source.
 */
export class OffsetMap {
  private constructor(
    private readonly starts: Int32Array | null,
    private readonly ends: Int32Array | null,
  ) {}

  static readonly IDENTITY = new OffsetMap(null, null);

  static of(starts: Int32Array, ends: Int32Array): OffsetMap {
    return new OffsetMap(starts, ends);
  }

  /** A derived text of `length` code units that all stand for source[start, end) (a decoded token). */
  static constant(length: number, start: number, end: number): OffsetMap {
    return new OffsetMap(new Int32Array(length).fill(start), new Int32Array(length).fill(end));
  }

  get isIdentity(): boolean {
    return this.starts === null;
  }

  /** Source start of the derived range [start, end) (end > start). */
  sourceStart(start: number): number {
    return this.starts === null ? start : this.starts[start];
  }

  /** Source end of the derived range [start, end) (end > start). */
  sourceEnd(end: number): number {
    return this.ends === null ? end : this.ends[end - 1];
  }

  /**
   * This map followed by `outer` (which maps this map's source into its own source): the map
   * from the derived text straight to the outermost source.
   */
  then(outer: OffsetMap): OffsetMap {
    if (outer.isIdentity) return this;
    if (this.starts === null || this.ends === null) return outer;
    const length = this.starts.length;
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      starts[i] = outer.sourceStart(this.starts[i]);
      ends[i] = outer.sourceEnd(this.ends[i]);
    }
    return new OffsetMap(starts, ends);
  }
}

/** Builds an OffsetMap a code unit at a time. */
export class OffsetMapBuilder {
  private starts: Int32Array;
  private ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  /** The next derived code unit came from source[start, end). */
  push(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  /** Widens the last derived code unit's source to end at `end` (a removed character after it). */
  extendLast(end: number): void {
    if (this.length > 0) this.ends[this.length - 1] = end;
  }

  build(): OffsetMap {
    return OffsetMap.of(this.starts.slice(0, this.length), this.ends.slice(0, this.length));
  }
}
