// Stage 6a, row order: the released rows in a uniformly random order, so a row's position says
// nothing (a provider's export sorted by visit would otherwise give each row its visit date back).
import type { Rng } from '../../rng.js';

/** Uniform integers below a bound, from whichever randomness the run was given. */
export interface IndexSource {
  /** Uniform integer in [0, bound); requires 1 <= bound <= 2^32. */
  nextIndex(bound: number): number;
}

/** Words drawn from the secure source per call (64 KiB): a million rows take 16 calls. */
const WORDS_PER_DRAW = 16_384;

/**
 * Indices from cryptographically secure bytes (the release's CSPRNG), unbiased by rejection:
 * a 32-bit word w is used only when w < bound · ⌊2^32 / bound⌋, then reduced modulo bound.
 */
export function secureIndexSource(randomBytes: (length: number) => Uint8Array): IndexSource {
  let words: Uint32Array = new Uint32Array(0);
  let next = 0;
  const word = (): number => {
    if (next === words.length) {
      let bytes = randomBytes(WORDS_PER_DRAW * 4);
      if (bytes.length < WORDS_PER_DRAW * 4)
        throw new RangeError(
          `the random source gave ${bytes.length} bytes, want ${WORDS_PER_DRAW * 4}`,
        );
      if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
      words = new Uint32Array(bytes.buffer, bytes.byteOffset, WORDS_PER_DRAW);
      next = 0;
    }
    return words[next++];
  };
  return {
    nextIndex(bound) {
      const limit = bound * Math.floor(0x1_0000_0000 / bound);
      for (;;) {
        const w = word();
        if (w < limit) return w % bound;
      }
    },
  };
}

/** Indices from the seeded rng: reproducible orders for tests and internal runs. */
export function seededIndexSource(rng: Rng): IndexSource {
  return { nextIndex: (bound) => rng.nextInt(bound) };
}

/**
 * The rows not suppressed, in a uniformly random order (Fisher–Yates: each of the n! orders is
 * equally likely when `source` is uniform). `suppressed[r] === 1` leaves row r out.
 */
export function permuteReleasedRows(
  rows: number,
  suppressed: Uint8Array | undefined,
  source: IndexSource,
): Uint32Array {
  const order = listReleasedRows(rows, suppressed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = source.nextIndex(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** The rows not suppressed (`suppressed[r] !== 0` leaves row r out), ascending. */
export function listReleasedRows(rows: number, suppressed: Uint8Array | undefined): Uint32Array {
  let released = 0;
  for (let r = 0; r < rows; r++) if (!suppressed || suppressed[r] === 0) released++;
  const list = new Uint32Array(released);
  let at = 0;
  for (let r = 0; r < rows; r++) if (!suppressed || suppressed[r] === 0) list[at++] = r;
  return list;
}
