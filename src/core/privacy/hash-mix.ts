// The 32-bit hash the typed-array hash tables of this area share (murmur3 finalizer over two halves).

/** Mixes two 32-bit halves into a well-spread 32-bit unsigned hash. */
export function mixHash(low: number, high: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of an exact integer key below 2^53, from its low and high 32-bit halves. */
export function mixKey(key: number): number {
  return mixHash(key >>> 0, (key / 4294967296) | 0);
}

/** Power of two at least twice `expectedKeys` (load factor ≤ 0.5), at least 16. */
export function tableCapacity(expectedKeys: number): number {
  let capacity = 16;
  while (capacity < expectedKeys * 2) capacity *= 2;
  return capacity;
}
