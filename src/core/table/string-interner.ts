// Interns strings into a dictionary of distinct values: an open-addressing hash over one typed array.

/**
 * Why not a `Map<string, number>`: encoding a column of a million distinct strings through a Map
 * took ~0.6–0.8 s per column here (the Map's own growth and entry objects), this table ~0.3 s.
 * Slots are pairs `[hash, code + 1]` in one Int32Array (0 = empty), so a probe reads one cache
 * line and a string is compared only when the full 32-bit hashes agree; growth rehashes from the
 * stored hashes without touching a string. Load factor ≤ 1/2, linear probing.
 */
export class StringInterner {
  /** Distinct values in order of first appearance: `dictionary[code]`. */
  readonly dictionary: string[] = [];
  private slots: Int32Array;
  private mask: number;
  /**
   * With `rangeLookups`, the dictionary's characters again, back to back (value `code` is
   * `characters[starts[code] .. starts[code + 1])`): internRange compares a text range against
   * them instead of against strings scattered over the heap, one cache miss fewer per lookup
   * (reading the 1M-row fixture: ~2.8 → ~2.3 s).
   */
  private arena: { characters: Uint16Array; used: number; starts: Int32Array } | undefined;

  /**
   * `expected`: distinct values expected (a hint that saves early growth; any value works).
   * `maxSize`: distinct values held at most; when finite the table is sized for it once and never
   * grows, and a new value that finds it full is refused (internHashed answers −1). A detection
   * scan caps at 65,536 (a 1 MiB table that stays in L2) and handles the rest itself.
   * `rangeLookups`: keep a copy of the characters for internRange (a CSV reader's interners).
   */
  constructor(
    expected = 8,
    readonly maxSize = Infinity,
    options: { readonly rangeLookups?: boolean } = {},
  ) {
    if (options.rangeLookups)
      this.arena = { characters: new Uint16Array(1024), used: 0, starts: new Int32Array(64) };
    let capacity = 16;
    const sizeFor = Number.isFinite(maxSize) ? maxSize : expected;
    while (capacity < sizeFor * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /**
   * Stops keeping the characters for internRange (which then compares against the dictionary's
   * strings): for a column found near-unique, where the copy would double its characters' memory.
   */
  releaseRangeCopies(): void {
    this.arena = undefined;
  }

  get size(): number {
    return this.dictionary.length;
  }

  /**
   * The code of `value`, appending it to the dictionary when new (codes are 0, 1, 2… in order);
   * −1 when it is new and `maxSize` values are held.
   */
  intern(value: string): number {
    return this.internHashed(value, hashString(value));
  }

  /**
   * intern, for a caller that already has `hash`: hashString(value), or its own hash function
   * used for every value of this interner (tests inject colliding ones). A new value is stored as
   * `keep(value)` (a streaming reader's cells are views into its text: ownedString).
   */
  internHashed(value: string, hash: number, keep?: (value: string) => string): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = mix(hash) & mask;
    for (;;) {
      const stored = slots[2 * slot + 1];
      if (stored === 0) break;
      if (slots[2 * slot] === hash && this.dictionary[stored - 1] === value) return stored - 1;
      slot = (slot + 1) & mask;
    }
    if (keep !== undefined && this.dictionary.length >= this.maxSize) return -1;
    return this.append(keep === undefined ? value : keep(value), hash, slot);
  }

  /**
   * The code of `text.slice(start, end)`, comparing characters in place so that a value already
   * interned costs no string at all (a CSV reader meets each repeated value this way); a new
   * value is stored as `copy(text, start, end)`, which must return that substring.
   */
  internRange(
    text: string,
    start: number,
    end: number,
    copy: (text: string, start: number, end: number) => string,
  ): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    const slots = this.slots;
    const mask = this.mask;
    const length = end - start;
    let slot = mix(hash) & mask;
    for (;;) {
      const stored = slots[2 * slot + 1];
      if (stored === 0) break;
      if (slots[2 * slot] === hash && this.equalsRange(stored - 1, text, start, length))
        return stored - 1;
      slot = (slot + 1) & mask;
    }
    return this.append(copy(text, start, end), hash, slot);
  }

  /** Whether dictionary value `code` equals `text.slice(start, start + length)`. */
  private equalsRange(code: number, text: string, start: number, length: number): boolean {
    const arena = this.arena;
    if (arena === undefined) {
      const value = this.dictionary[code];
      if (value.length !== length) return false;
      for (let i = 0; i < length; i++)
        if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
      return true;
    }
    const from = arena.starts[code];
    if (arena.starts[code + 1] - from !== length) return false;
    const characters = arena.characters;
    for (let i = 0; i < length; i++)
      if (characters[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private keepCharacters(code: number, value: string): void {
    const arena = this.arena!;
    if (code + 2 > arena.starts.length) {
      const starts = new Int32Array(arena.starts.length * 2);
      starts.set(arena.starts);
      arena.starts = starts;
    }
    if (arena.used + value.length > arena.characters.length) {
      const characters = new Uint16Array(
        Math.max(arena.characters.length * 2, arena.used + value.length),
      );
      characters.set(arena.characters);
      arena.characters = characters;
    }
    for (let i = 0; i < value.length; i++) arena.characters[arena.used + i] = value.charCodeAt(i);
    arena.used += value.length;
    arena.starts[code + 1] = arena.used;
  }

  private append(value: string, hash: number, slot: number): number {
    const code = this.dictionary.length;
    if (code >= this.maxSize) return -1;
    this.dictionary.push(value);
    if (this.arena !== undefined) this.keepCharacters(code, value);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = code + 1;
    if (2 * (code + 1) > this.mask + 1) this.grow();
    return code;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = 2 * (this.mask + 1);
    const slots = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const stored = old[i + 1];
      if (stored === 0) continue;
      let slot = mix(old[i]) & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[i];
      slots[2 * slot + 1] = stored;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units: the interner's hash. */
export function hashString(value: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Spreads FNV's weak low bits before masking (murmur3's finalizer, first half). */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
