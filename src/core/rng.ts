// Seeded pseudo-random numbers (sfc32) so every randomized step is reproducible from a seed.
// Not for secrets: keys and tokens come from node:crypto in the layers that may do I/O.

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, bound); requires bound >= 1. */
  nextInt(bound: number): number;
  /** A new independent stream derived from this one (for per-column or per-worker use). */
  fork(): Rng;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG), seeded by splitmix32 from one integer. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up: the first outputs of sfc32 are correlated with the seed.
  for (let i = 0; i < 12; i++) nextUint32();
  const rng: Rng = {
    next: () => nextUint32() / 4294967296,
    nextInt: (bound: number) => Math.floor((nextUint32() / 4294967296) * bound),
    fork: () => createRng(nextUint32()),
  };
  return rng;
}
