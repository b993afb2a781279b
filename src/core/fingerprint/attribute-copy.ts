// Attribution of a leaked copy to the trade whose keyed row order it carries.
import { sortKeysOf } from './row-order.js';

export interface RowOrderScore {
  /** Adjacent pairs of distinct rows in the copy. */
  readonly comparedPairs: number;
  /** Of those, pairs in ascending order of this key's sort keys. */
  readonly orderedPairs: number;
  /** orderedPairs / comparedPairs: 1 for a copy made under this key, about 0.5 for any other. */
  readonly score: number;
}

/**
 * Scores how well the order of `contents` (a copy's rows, in the copy's order) matches the
 * permutation of `key`. Deleting rows keeps the order of the rest, so a partial copy still
 * scores 1 under its own key.
 */
export function scoreRowOrder(contents: readonly string[], key: Uint8Array): RowOrderScore {
  return scoreSortKeys(sortKeysOf(contents, key));
}

/**
 * The same score from each row's sort key under one trade, however computed (v2 keys come from
 * the query engine): adjacent pairs with different keys, and how many of them ascend.
 */
export function scoreSortKeys(sortKeys: ArrayLike<number | bigint>): RowOrderScore {
  let comparedPairs = 0;
  let orderedPairs = 0;
  for (let row = 1; row < sortKeys.length; row++) {
    const sortKey = sortKeys[row];
    const previous = sortKeys[row - 1];
    if (sortKey !== previous) {
      comparedPairs++;
      if (sortKey > previous) orderedPairs++;
    }
  }
  return Object.freeze({
    comparedPairs,
    orderedPairs,
    score: comparedPairs === 0 ? 0 : orderedPairs / comparedPairs,
  });
}

export interface AttributionCandidate {
  readonly tradeId: string;
  readonly key: Uint8Array;
}

export interface Attribution {
  readonly verdict: 'attributed' | 'inconclusive';
  /** Set when attributed. */
  readonly tradeId: string | undefined;
  /** Every candidate with its score, best first. */
  readonly ranking: readonly (RowOrderScore & { readonly tradeId: string })[];
}

export interface AttributionThresholds {
  /** Fewer distinct adjacent pairs than this cannot tell trades apart (default 20). */
  readonly minimumPairs: number;
  /** A copy is attributed only when its best score reaches this (default 0.95). */
  readonly minimumScore: number;
}

export const DEFAULT_ATTRIBUTION_THRESHOLDS: AttributionThresholds = Object.freeze({
  minimumPairs: 20,
  minimumScore: 0.95,
});

/**
 * Ranks candidate trades by how well the copy's order matches each trade's key. Under a wrong
 * key each pair is ordered with probability 1/2, so a score of 0.95 over 20 pairs happens by
 * chance with probability below 2e-5 per candidate (binomial tail, 20 choose ≥19 of 2^20).
 */
export function attributeLeakedCopy(
  contents: readonly string[],
  candidates: readonly AttributionCandidate[],
  thresholds: AttributionThresholds = DEFAULT_ATTRIBUTION_THRESHOLDS,
): Attribution {
  return rankRowOrderScores(
    candidates.map((candidate) => ({
      tradeId: candidate.tradeId,
      ...scoreRowOrder(contents, candidate.key),
    })),
    thresholds,
  );
}

/** The verdict over candidates already scored (attributeLeakedCopy's rule, for keys computed elsewhere). */
export function rankRowOrderScores(
  scores: readonly (RowOrderScore & { readonly tradeId: string })[],
  thresholds: AttributionThresholds = DEFAULT_ATTRIBUTION_THRESHOLDS,
): Attribution {
  const ranking = [...scores].sort(
    (a, b) => b.score - a.score || a.tradeId.localeCompare(b.tradeId),
  );
  const best = ranking[0];
  const runnerUp = ranking[1];
  const attributed =
    best !== undefined &&
    best.comparedPairs >= thresholds.minimumPairs &&
    best.score >= thresholds.minimumScore &&
    (runnerUp === undefined || runnerUp.score < thresholds.minimumScore);
  return Object.freeze({
    verdict: attributed ? 'attributed' : 'inconclusive',
    tradeId: attributed ? best.tradeId : undefined,
    ranking,
  });
}
