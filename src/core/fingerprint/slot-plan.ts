// A listing's fingerprint plan: which pairs of release rows form the slots that every copy of the
// listing carries, one member of each pair withheld per trade (see docs/fingerprinting.md).
import { createHash } from 'node:crypto';
import type { EncodedRelease, FingerprintRelease } from './fingerprint-release.js';
import { FingerprintError } from './fingerprint-error.js';
import { checkKey, keyedWords } from './keyed-stream.js';
import { toPreparedRelease, type PreparedRelease } from './prepared-release.js';
import { createWithholdingBudget } from './withholding-budget.js';

export const FINGERPRINT_PLAN_SCHEME = 'anonex-withheld-pairs-v1';
/**
 * Slots per plan by default, the larger of two figures (docs/fingerprinting.md §6): 320 carry a copy
 * cut to a fifth of its rows when the release has rows of unique content; 1 % of the rows carries a
 * fifth deleted or added in a large release whose rows repeat.
 */
export const DEFAULT_SLOTS = 320;
export const DEFAULT_SLOT_SHARE = 0.01;
/** A copy never withholds more than this share of the release's rows by default. */
export const DEFAULT_MAX_WITHHELD_SHARE = 0.05;
/**
 * Three slots in four rare (unique contents: what survives keeping a fifth of the rows), one in four
 * common (repeated contents: what survives deleting every unique row).
 */
export const DEFAULT_RARE_SHARE = 0.75;
/** A copy lacks at most a tenth of any class. */
export const DEFAULT_MAX_CLASS_SHARE = 0.1;

/** Row ordinals are packed into 24 bits when candidates are ordered. */
const MAX_ROWS = 2 ** 24;

export interface FingerprintPlanOptions {
  /** The listing's secret (≥ 16 bytes): which rows become members and how they pair. */
  readonly listingKey: Uint8Array;
  /** Slots wanted = rows each copy withholds; default max(DEFAULT_SLOTS, DEFAULT_SLOT_SHARE · rows). */
  readonly slots?: number;
  /** Cap on slots as a share of the release's rows; default DEFAULT_MAX_WITHHELD_SHARE. */
  readonly maxWithheldShare?: number;
  /** Share of slots made of rows with unique content (the rest: small repeated contents); default ¾. */
  readonly rareShare?: number;
  /** No copy withholds more than this share of any class; default DEFAULT_MAX_CLASS_SHARE. */
  readonly maxClassShare?: number;
}

export interface FingerprintPlanSummary {
  readonly requestedSlots: number;
  readonly slots: number;
  /** Rows in classes that can give up a row at all. */
  readonly eligibleRows: number;
  /** Slots pairing two rows of unique content, and slots pairing rows of repeated content. */
  readonly rareSlots: number;
  readonly commonSlots: number;
  readonly classesWithMembers: number;
  readonly classes: number;
}

export interface FingerprintPlan {
  readonly scheme: typeof FINGERPRINT_PLAN_SCHEME;
  /** Rows of the release the plan was made for. */
  readonly rowCount: number;
  /** Slot s pairs release rows `first[s]` and `second[s]`; a copy withholds exactly one of them. */
  readonly first: Uint32Array;
  readonly second: Uint32Array;
  /** SHA-256 (hex) of the scheme, row count and pairs: binds each trade's codeword to this plan. */
  readonly digest: string;
  readonly summary: FingerprintPlanSummary;
}

/**
 * Chooses the slots of a release. Members are rows whose withholding the worst-case budget allows
 * (withholding-budget.ts), taken in an order keyed by the listing key from two tiers, each pairing
 * its own members into slots:
 * - rare slots pair rows whose whole content is unique in the release: a copy cut to a fifth of its
 *   rows still shows, for every surviving kept member, exactly which member it kept;
 * - common slots pair rows whose content repeats, drawn like the release's rows (mostly from
 *   large cells): a leaker who deletes the rows that are rare in his copy — every rare member —
 *   leaves them, and their cells' exact counts, intact.
 * Within a tier members are paired across classes, so a slot's two members differ in as many
 * columns as possible. Deterministic in (release, options). Throws `fingerprint_invalid_parameter`
 * on a short key or bad option, `fingerprint_unknown_column` when the release names a missing column.
 */
export function planFingerprint(
  releaseToPlan: FingerprintRelease | PreparedRelease,
  options: FingerprintPlanOptions,
): FingerprintPlan {
  const { release, encoded, privacy } = toPreparedRelease(releaseToPlan);
  checkKey(options.listingKey, 'listingKey');
  const requestedSlots =
    options.slots ?? Math.max(DEFAULT_SLOTS, Math.ceil(DEFAULT_SLOT_SHARE * encoded.rowCount));
  const maxShare = options.maxWithheldShare ?? DEFAULT_MAX_WITHHELD_SHARE;
  const rareShare = options.rareShare ?? DEFAULT_RARE_SHARE;
  const maxClassShare = options.maxClassShare ?? DEFAULT_MAX_CLASS_SHARE;
  if (
    !Number.isInteger(requestedSlots) ||
    requestedSlots < 0 ||
    !(maxShare >= 0 && maxShare <= 0.5) ||
    !(rareShare >= 0 && rareShare <= 1) ||
    !(maxClassShare >= 0 && maxClassShare <= 0.5)
  ) {
    throw new FingerprintError(
      'fingerprint_invalid_parameter',
      'slots must be a non-negative integer, maxWithheldShare and maxClassShare in [0, 0.5], rareShare in [0, 1]',
      { details: { slots: requestedSlots, maxWithheldShare: maxShare, rareShare, maxClassShare } },
    );
  }
  const { rowCount } = encoded;
  if (rowCount > MAX_ROWS) {
    throw new FingerprintError(
      'fingerprint_invalid_parameter',
      `a plan covers releases of up to ${MAX_ROWS} rows, got ${rowCount}`,
      { details: { rowCount, max: MAX_ROWS } },
    );
  }
  const wanted = Math.min(requestedSlots, Math.floor(maxShare * rowCount));
  const budget = createWithholdingBudget(release, encoded, privacy, wanted, maxClassShare);
  const { rare, common } = orderCandidates(encoded, budget.classHasRoom, options.listingKey);
  const take = (candidates: Uint32Array, from: number, count: number, into: number[]): number => {
    let i = from;
    for (; i < candidates.length && into.length < count; i++)
      if (budget.tryReserve(candidates[i])) into.push(candidates[i]);
    return i;
  };
  // Rare members first, up to their share; common ones fill the rest, then rare ones again if short.
  const rareMembers: number[] = [];
  const commonMembers: number[] = [];
  const rareNext = take(rare, 0, 2 * Math.round(wanted * rareShare), rareMembers);
  take(common, 0, 2 * wanted - rareMembers.length, commonMembers);
  take(rare, rareNext, 2 * wanted - commonMembers.length, rareMembers);
  const rareSlots = rareMembers.length >> 1;
  const commonSlots = Math.min(commonMembers.length >> 1, wanted - rareSlots);
  const rarePairs = pairAcrossClasses(rareMembers.slice(0, 2 * rareSlots), encoded);
  const commonPairs = pairAcrossClasses(commonMembers.slice(0, 2 * commonSlots), encoded);
  const slots = rareSlots + commonSlots;
  const first = new Uint32Array(slots);
  const second = new Uint32Array(slots);
  first.set(rarePairs.first);
  first.set(commonPairs.first, rareSlots);
  second.set(rarePairs.second);
  second.set(commonPairs.second, rareSlots);
  let classesWithMembers = 0;
  for (const reserved of budget.reservedPerClass) if (reserved > 0) classesWithMembers++;
  return Object.freeze({
    scheme: FINGERPRINT_PLAN_SCHEME,
    rowCount,
    first,
    second,
    digest: planDigest(rowCount, first, second),
    summary: Object.freeze({
      requestedSlots,
      slots,
      rareSlots,
      commonSlots,
      eligibleRows: rare.length + common.length,
      classesWithMembers,
      classes: encoded.classes.classCount,
    }),
  });
}

/**
 * Rows whose class has room, split into unique contents (`rare`) and the others (`common`), each
 * in the order of a keyed random word: one typed sort of packed keys (tier · 2^48 + word · 2^24 +
 * row). Common members are thus drawn like the release's rows, mostly from large cells, which a
 * leaker deleting whatever is rare in his copy does not reach.
 */
function orderCandidates(
  encoded: EncodedRelease,
  classHasRoom: (row: number) => boolean,
  listingKey: Uint8Array,
): { rare: Uint32Array; common: Uint32Array } {
  const { rowCount, contentSizes } = encoded;
  const words = keyedWords(listingKey, `${FINGERPRINT_PLAN_SCHEME}/member-order`, rowCount);
  const keys = new Float64Array(rowCount);
  let count = 0;
  for (let row = 0; row < rowCount; row++) {
    if (!classHasRoom(row)) continue;
    const tier = contentSizes[row] === 1 ? 0 : 1;
    // 1 + 24 + 24 bits: exact in a double for releases of up to 2^24 rows.
    keys[count++] = tier * 2 ** 48 + (words[row] >>> 8) * 2 ** 24 + row;
  }
  const sorted = keys.subarray(0, count).sort();
  let rareCount = 0;
  while (rareCount < count && sorted[rareCount] < 2 ** 48) rareCount++;
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = sorted[i] % 2 ** 24;
  return { rare: rows.subarray(0, rareCount), common: rows.subarray(rareCount) };
}

/** Pairs member i with member i + S after ordering members by class: partners fall in other classes. */
function pairAcrossClasses(
  members: readonly number[],
  encoded: EncodedRelease,
): { first: Uint32Array; second: Uint32Array } {
  const classOf = encoded.classes.classOfRecord;
  // Stable by class: members keep their keyed order within a class.
  const byClass = members
    .map((row, order) => ({ row, order }))
    .sort((a, b) => classOf[a.row] - classOf[b.row] || a.order - b.order);
  const slots = members.length >> 1;
  const first = new Uint32Array(slots);
  const second = new Uint32Array(slots);
  for (let s = 0; s < slots; s++) {
    first[s] = byClass[s].row;
    second[s] = byClass[s + slots].row;
  }
  return { first, second };
}

/** The plan's digest: SHA-256 over the scheme, the row count and the pairs. */
export function planDigest(rowCount: number, first: Uint32Array, second: Uint32Array): string {
  const hash = createHash('sha256').update(`${FINGERPRINT_PLAN_SCHEME}\n${rowCount}\n`);
  hash.update(new Uint8Array(first.buffer, first.byteOffset, first.byteLength));
  hash.update(new Uint8Array(second.buffer, second.byteOffset, second.byteLength));
  return hash.digest('hex');
}
