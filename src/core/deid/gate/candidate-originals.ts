// The gate against recoverable transforms of identifiers: how many originals could have produced a
// released value, counted from the transform itself and the checksum of the identifier's kind.

/** The column's transform chain over a batch of values: released value per input, undefined when unreadable. */
export type ReleaseFunction = (values: readonly string[]) => readonly (string | undefined)[];

/** True when a value is a valid identifier of the column's detected kind (check digit, dates…). */
export type KindValidator = (value: string) => boolean;

/** Characters tried at a Han position: common given-name characters. */
const HAN_PROBES = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋'];
/** Common Han characters a free Han position stands for (GB 2312 level 1 holds 3,755). */
const HAN_ALPHABET = 3500;
/** Probes at a Han position that must keep the released value for the position to count as free. */
const HAN_FREE_PROBES = 6;
/** Candidate combinations enumerated (and checked against the transform and the validator) at most. */
export const ENUMERATION_LIMIT = 20_000;
/** Candidates checked per call of the release function. */
const ENUMERATION_BATCH = 1_000;
/**
 * Beyond the limit the estimate divides the combinations by the largest check modulus of the
 * supported kinds (31, the unified social credit code's): a check character restores one position.
 */
const LARGEST_CHECK_MODULUS = 31;

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Estimates how many originals share `value`'s released value: the positions whose character can
 * change without changing the release are found by trying every digit or letter there (a few
 * common characters for Han), then the combinations over those positions are enumerated when
 * there are at most ENUMERATION_LIMIT, kept only when the transform still gives the same release
 * and, when the kind has a validator that `value` itself passes, when they are valid identifiers
 * (a check digit leaves about one in ten or eleven). Counting may stop once `enough` are found
 * (the result is then at least `enough`). Requires `release([value])[0]` defined.
 *
 * A mask keeping 17 of 18 resident-ID characters, or hiding one digit but keeping the check
 * character, leaves 1 candidate; bands of width 1 over an 18-digit ID (float64 steps of 64) leave
 * about 6; a mask keeping 3 + 4 of a mobile number leaves 10,000.
 */
export function countCandidateOriginals(
  value: string,
  release: ReleaseFunction,
  validate: KindValidator | undefined,
  enough = Number.POSITIVE_INFINITY,
): number {
  const byPosition = countByPosition(value, release, validate, enough);
  if (byPosition >= enough || !/^\d{1,40}$/.test(value)) return byPosition;
  // Both counts only include verified originals: the larger is still a lower bound.
  return Math.max(byPosition, countInInterval(value, release, validate, enough));
}

/** Candidates differing from `value` in positions that are free one at a time (masks, hierarchies). */
function countByPosition(
  value: string,
  release: ReleaseFunction,
  validate: KindValidator | undefined,
  enough: number,
): number {
  const chars = Array.from(value);
  const target = release([value])[0];
  const probes: { position: number; char: string }[] = [];
  const variants: string[] = [];
  chars.forEach((char, position) => {
    for (const probe of alternativesOf(char)) {
      probes.push({ position, char: probe });
      variants.push(withChar(chars, position, probe));
    }
  });
  const released = variants.length === 0 ? [] : release(variants);
  const free: string[][] = chars.map((char) => [char]);
  const hanMatches = new Int32Array(chars.length);
  probes.forEach(({ position, char }, i) => {
    if (released[i] !== target) return;
    if (isHan(chars[position])) hanMatches[position]++;
    else free[position].push(char);
  });
  let combinations = 1;
  let hanFree = false;
  chars.forEach((char, position) => {
    if (isHan(char)) {
      if (hanMatches[position] >= HAN_FREE_PROBES) {
        combinations *= HAN_ALPHABET;
        hanFree = true;
      }
    } else combinations *= free[position].length;
  });
  // Han positions have no checksum to restore them: the estimate is the product itself.
  if (hanFree) return combinations;
  if (combinations > ENUMERATION_LIMIT) return Math.floor(combinations / LARGEST_CHECK_MODULUS);
  const useValidator = validate !== undefined && validate(value);
  let count = 0;
  // In batches, stopping once `enough` are found: a coarse mask needs one batch, not them all.
  for (const batch of enumerate(free, ENUMERATION_BATCH)) {
    const checked = release(batch);
    batch.forEach((candidate, i) => {
      if (checked[i] === target && (!useValidator || validate(candidate))) count++;
    });
    if (count >= enough) break;
  }
  return Math.max(count, 1);
}

/**
 * Candidates among the numbers around `value` (same digit count, zero-padded) that release the
 * same value: for bands, rounding and top/bottom coding the preimage is an interval, whose ends a
 * k-ary search finds in a few batched calls even when float64 rounding moves them (18-digit IDs
 * are read as doubles 64 apart). Counted exactly up to ENUMERATION_LIMIT numbers, else estimated.
 */
function countInInterval(
  value: string,
  release: ReleaseFunction,
  validate: KindValidator | undefined,
  enough: number,
): number {
  const width = value.length;
  const origin = BigInt(value);
  const largest = 10n ** BigInt(width) - 1n;
  const target = release([value])[0];
  const keeps = (numbers: readonly bigint[]): boolean[] => {
    const released = release(numbers.map((n) => n.toString().padStart(width, '0')));
    return released.map((r) => r === target);
  };
  const reach = (direction: 1n | -1n): bigint => {
    const room = direction === 1n ? largest - origin : origin;
    // The largest distance d ≤ room with every number between origin and origin ± d kept: the
    // first failing distance is bracketed among powers of two, then narrowed 64 ways per call.
    let low = 0n;
    let high = room + 1n;
    let ladder: bigint[] = [];
    for (let d = 1n; d <= room; d *= 2n) ladder.push(d);
    while (high - low > 1n) {
      if (ladder.length === 0) {
        const step = (high - low) / 64n || 1n;
        for (let d = low + step; d < high; d += step) ladder.push(d);
      }
      const kept = keeps(ladder.map((d) => origin + direction * d));
      const firstMiss = kept.indexOf(false);
      if (firstMiss === -1) low = ladder[ladder.length - 1];
      else {
        if (firstMiss > 0) low = ladder[firstMiss - 1];
        high = ladder[firstMiss];
      }
      ladder = [];
    }
    return low;
  };
  const from = origin - reach(-1n);
  const to = origin + reach(1n);
  const size = to - from + 1n;
  if (size > BigInt(ENUMERATION_LIMIT)) return Number(size / BigInt(LARGEST_CHECK_MODULUS));
  if (validate === undefined || !validate(value)) return Number(size);
  let count = 0;
  for (let n = from; n <= to && count < enough; n++)
    if (validate(n.toString().padStart(width, '0'))) count++;
  return count;
}

function alternativesOf(char: string): readonly string[] {
  const alphabet = DIGITS.includes(char)
    ? DIGITS
    : UPPER.includes(char)
      ? UPPER
      : LOWER.includes(char)
        ? LOWER
        : undefined;
  if (alphabet !== undefined) return Array.from(alphabet).filter((c) => c !== char);
  return isHan(char) ? HAN_PROBES.filter((c) => c !== char) : [];
}

function withChar(chars: readonly string[], position: number, char: string): string {
  const copy = chars.slice();
  copy[position] = char;
  return copy.join('');
}

/** Every string taking one character per position from `choices` (odometer order), in batches. */
function* enumerate(
  choices: readonly (readonly string[])[],
  batchSize: number,
): Generator<string[]> {
  const index = new Int32Array(choices.length);
  let batch: string[] = [];
  for (;;) {
    batch.push(choices.map((options, position) => options[index[position]]).join(''));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
    let position = choices.length - 1;
    while (position >= 0 && ++index[position] === choices[position].length) index[position--] = 0;
    if (position < 0) break;
  }
  if (batch.length > 0) yield batch;
}

function isHan(char: string): boolean {
  const c = char.codePointAt(0)!;
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0x20000 && c <= 0x2ffff);
}
