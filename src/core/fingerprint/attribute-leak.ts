// Attribution of a leaked copy to the trades of its listing: each trade's score, the probability
// that an innocent trade would score as high, and a verdict at the documented threshold.
import type { ColumnTable } from 'arquero';
import type { FingerprintRelease } from './fingerprint-release.js';
import { FingerprintError } from './fingerprint-error.js';
import { projectLeak, type ColumnMatch } from './leaked-columns.js';
import { isExactlyConsistent, logExactConsistencyBound } from './exact-consistency.js';
import { toPreparedRelease, type PreparedRelease } from './prepared-release.js';
import { logRademacherTail } from './rademacher-tail.js';
import { collectSlotEvidence } from './slot-evidence.js';
import type { FingerprintPlan } from './slot-plan.js';
import { tradeCodeword } from './trade-codeword.js';

/**
 * A trade is accused only when the probability that some innocent trade of the listing scores as
 * high is at most this: one in a million, union-bounded over the listing's trades.
 */
export const DEFAULT_FALSE_ACCUSATION_THRESHOLD = 1e-6;

export interface LeakCandidate {
  readonly tradeId: string;
  readonly key: Uint8Array;
}

export interface AttributionOptions {
  /** Accuse at or below this union-bounded false-accusation probability (default 1e-6). */
  readonly falseAccusationThreshold?: number;
  /** Trades the union bound counts (default: the candidates); pass the listing's trade count. */
  readonly tradeCount?: number;
}

export interface TradeScore {
  readonly tradeId: string;
  /** Σ over slots of the slot's evidence weight, signed by the trade's codeword bit. */
  readonly score: number;
  /** score / √Σw²: near 0 (sd 1) for an innocent trade. */
  readonly zScore: number;
  /** Share of the evidence weight that agrees with the trade's codeword: ½ innocent, 1 perfect. */
  readonly agreement: number;
  /**
   * log10 of this trade's own p-value: the probability that an innocent trade's codeword does as
   * well, by the better of the two tests (before the doubling and the union over trades).
   */
  readonly log10PValue: number;
  /** The trade's copy reproduces every cell count of the leak exactly (an unaltered projection of it). */
  readonly exactMatch: boolean;
  /**
   * min(1, 2 · tradeCount · p), p the smaller of the two tests' p-values for this trade (the score's
   * tail, and the exact-match bound when it matches): a rigorous upper bound on the probability that
   * an innocent trade of the listing is named this strongly.
   */
  readonly falseAccusationProbability: number;
  /** log10 of the same (stays finite where the probability underflows to 0). */
  readonly log10FalseAccusation: number;
  readonly accused: boolean;
}

export interface LeakEvidence {
  readonly columns: readonly ColumnMatch[];
  readonly unmatchedColumns: readonly string[];
  readonly leakedRows: number;
  readonly matchedRows: number;
  readonly retainedShare: number;
  readonly slots: number;
  readonly readableSlots: number;
  readonly cells: number;
  /** log10 of the false-accusation probability a perfect match would reach: the leak's capacity. */
  readonly bestPossibleLog10FalseAccusation: number;
}

export interface LeakAttribution {
  readonly verdict: 'attributed' | 'inconclusive';
  /**
   * attributed; `insufficient_evidence`: even a trade matching every readable slot could not be
   * accused (too few rows or columns of the mark survive); `below_threshold`: no trade reached it.
   */
  readonly reason: 'attributed' | 'insufficient_evidence' | 'below_threshold';
  /** The highest-scoring accused trade. */
  readonly tradeId: string | undefined;
  /** Every trade at or below the threshold, best first (two colluders can both be named). */
  readonly accused: readonly string[];
  readonly threshold: number;
  /** Every candidate, best first. */
  readonly ranking: readonly TradeScore[];
  readonly evidence: LeakEvidence;
}

/**
 * Scores every candidate trade against `leaked` (any columns, order, encoding; rows dropped,
 * added or mixed). Under the null hypothesis "this trade did not leak", its codeword bits are fair
 * coins independent of the leak, so its score is a Rademacher sum with the leak's weights and
 * P(score ≥ s) ≤ exp(logRademacherTail(w, s)); and its codeword reproduces every cell count of the
 * leak with probability at most exp(logExactConsistencyBound). The smaller of the two, doubled
 * (two tests) and multiplied by the number of trades (union bound), is the false-accusation
 * probability reported.
 * Throws `fingerprint_no_matching_columns` when no leaked column matches a release column, and
 * `fingerprint_plan_mismatch` when the plan was made for another release.
 */
export function attributeLeak(
  leaked: ColumnTable,
  release: FingerprintRelease | PreparedRelease,
  plan: FingerprintPlan,
  candidates: readonly LeakCandidate[],
  options: AttributionOptions = {},
): LeakAttribution {
  const { encoded } = toPreparedRelease(release);
  if (plan.rowCount !== encoded.rowCount) {
    throw new FingerprintError(
      'fingerprint_plan_mismatch',
      `the plan covers ${plan.rowCount} rows, the release has ${encoded.rowCount}`,
      { details: { planRows: plan.rowCount, releaseRows: encoded.rowCount } },
    );
  }
  const threshold = options.falseAccusationThreshold ?? DEFAULT_FALSE_ACCUSATION_THRESHOLD;
  const tradeCount = Math.max(options.tradeCount ?? candidates.length, candidates.length, 1);
  const projection = projectLeak(leaked, encoded);
  if (projection.columns.length === 0) {
    throw new FingerprintError(
      'fingerprint_no_matching_columns',
      'no column of the leaked copy matches a column of the release',
      { details: { leakedColumns: leaked.columnNames().length } },
    );
  }
  const evidence = collectSlotEvidence(plan, encoded, projection.columns);
  const { weights } = evidence;
  let total = 0;
  let squares = 0;
  for (const w of weights) {
    total += Math.abs(w);
    squares += w * w;
  }
  // Two tests per trade (score tail, exact match): the smaller p-value counts twice (Bonferroni),
  // and every trade of the listing once (union bound).
  const log10Trades = Math.log10(2 * tradeCount);
  const toLog10 = (lnTail: number): number => Math.min(0, log10Trades + lnTail / Math.LN10);
  // Only a leak with exactly a copy's rows, all of them the release's, can match a codeword exactly.
  const exactPossible =
    evidence.leakedRows === evidence.matchedRows &&
    evidence.matchedRows === encoded.rowCount - weights.length;
  const lnExact = exactPossible ? logExactConsistencyBound(evidence) : 0;
  const bestPossible = toLog10(
    Math.min(total > 0 ? logRademacherTail(weights, total) : 0, lnExact),
  );
  const log10Threshold = Math.log10(threshold);
  const ranking = candidates
    .map((candidate): TradeScore => {
      const bits = tradeCodeword(plan, candidate.key);
      let score = 0;
      let agreeing = 0;
      for (let s = 0; s < weights.length; s++) {
        const signed = bits[s] === 1 ? weights[s] : -weights[s];
        score += signed;
        if (signed > 0) agreeing += signed;
      }
      const exactMatch = exactPossible && isExactlyConsistent(evidence, bits);
      const lnPValue = Math.min(logRademacherTail(weights, score), exactMatch ? lnExact : 0);
      const log10FalseAccusation = toLog10(lnPValue);
      return {
        tradeId: candidate.tradeId,
        score,
        log10PValue: lnPValue / Math.LN10,
        exactMatch,
        zScore: squares > 0 ? score / Math.sqrt(squares) : 0,
        agreement: total > 0 ? agreeing / total : 0,
        falseAccusationProbability: 10 ** log10FalseAccusation,
        log10FalseAccusation,
        accused: log10FalseAccusation <= log10Threshold,
      };
    })
    .sort((a, b) => b.score - a.score || a.tradeId.localeCompare(b.tradeId));
  const accused = ranking.filter((r) => r.accused).map((r) => r.tradeId);
  const reason =
    accused.length > 0
      ? 'attributed'
      : bestPossible > log10Threshold
        ? 'insufficient_evidence'
        : 'below_threshold';
  return {
    verdict: accused.length > 0 ? 'attributed' : 'inconclusive',
    reason,
    tradeId: accused[0],
    accused,
    threshold,
    ranking,
    evidence: {
      columns: projection.columns.map((p) => p.match),
      unmatchedColumns: projection.unmatched,
      leakedRows: evidence.leakedRows,
      matchedRows: evidence.matchedRows,
      retainedShare: evidence.retainedShare,
      slots: weights.length,
      readableSlots: evidence.readableSlots,
      cells: evidence.cells,
      bestPossibleLog10FalseAccusation: bestPossible,
    },
  };
}
