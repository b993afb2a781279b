// Distinct strings up to a fixed number, each with a code: the part of a full scan that stays in cache.
import { classOf } from './value-shape.js';

/**
 * An open-addressing table like core/table's StringInterner (slots `[hash, code + 1]` in one
 * Int32Array, linear probing, load ≤ 1/2), sized once for `capacity` values and never grown:
 * once full it only answers lookups, and a new value is the caller's to handle (full-scan.ts
 * sends it down the overflow path). At 65,536 values the table is 1 MiB and stays in L2, where
 * interning a million distinct values into a 16 MiB table costs a cache miss per row. The
 * caller passes each value's hash (hashValue) so it can keep the hash of a value that did not fit.
 */
export class CappedDictionary {
  /** Distinct values in order of first appearance: `values[code]`. */
  readonly values: string[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Requires capacity ≥ 0. */
  constructor(readonly capacity: number) {
    let slotCount = 2;
    while (slotCount < 2 * capacity) slotCount *= 2;
    this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * The code of `value`, whose hashValue (or the caller's injected hash) is `hash`; a new value
   * gets the next code while fewer than `capacity` are held, else the answer is −1.
   */
  codeOf(value: string, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = mix(hash) & mask;
    for (;;) {
      const stored = slots[2 * slot + 1];
      if (stored === 0) break;
      if (slots[2 * slot] === hash && this.values[stored - 1] === value) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const code = this.values.length;
    if (code === this.capacity) return -1;
    this.values.push(value);
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = code + 1;
    return code;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units (the hash StringInterner uses). */
export function hashValue(value: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * hashValue(value), also writing characterClasses(value) into `classes[0]`: a value bound for
 * matchMask has its characters read once for both (~20 ns less per row of a near-unique column).
 */
export function hashValueAndClassify(value: string, classes: Int32Array): number {
  let hash = FNV_OFFSET;
  let union = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    hash = Math.imul(hash ^ c, FNV_PRIME);
    union |= classOf(c);
  }
  classes[0] = union;
  return hash;
}

/** Spreads FNV's weak low bits before masking (murmur3's finalizer, first half). */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
