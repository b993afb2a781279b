// What a leaked copy says about each slot: which member it appears to keep, and how strongly,
// from the counts of the leak's rows in each cell of the columns it kept (docs/fingerprinting.md).
import { computeEquivalenceClasses } from '../privacy/index.js';
import type { EncodedRelease } from './fingerprint-release.js';
import type { ProjectedColumn } from './leaked-columns.js';
import type { FingerprintPlan } from './slot-plan.js';

/** Weights below this share of the largest are rounding noise and set to 0. */
const NEGLIGIBLE_WEIGHT = 1e-6;

export interface SlotEvidence {
  /**
   * Per slot: > 0 when the leak looks like a copy that kept the first member (codeword bit 1),
   * < 0 for the second, 0 when it says nothing (both or neither member seen, or one cell holds both).
   */
  readonly weights: Float64Array;
  readonly leakedRows: number;
  /** Leaked rows whose kept columns match some release row. */
  readonly matchedRows: number;
  /** matchedRows over the rows of one copy: ≈ the share of a copy the leak retains. */
  readonly retainedShare: number;
  readonly readableSlots: number;
  /** Distinct cells of the release over the kept columns (1 when no column matched). */
  readonly cells: number;
  /** Per cell: release rows and leaked rows (cells only leaked rows fall in have released = 0). */
  readonly released: Float64Array;
  readonly leaked: Float64Array;
  /** The cell of each slot's first and second member. */
  readonly firstCell: Int32Array;
  readonly secondCell: Int32Array;
}

/**
 * Cell C = one combination of the kept columns' values. With n(C) release rows of which m(C) are
 * slot members, a copy holds n(C) − m(C)/2 rows of C on average over codewords, and a leak that
 * retains a share p of it about p·(n(C) − m(C)/2). The residual R(C) = L(C) − p(n(C) − m(C)/2)
 * of the leak's count L(C) is what the leaker's codeword did to C, plus noise. Each cell's residual
 * is weighted by g(C) = (p/2) / (p² m(C)/4 + p|1 − p| n(C)) — signal over variance, the member
 * interference p² m/4 and the binomial noise of keeping or adding rows p|1 − p| n — and a slot's
 * weight is g·R of its first member's cell minus that of its second's.
 */
export function collectSlotEvidence(
  plan: FingerprintPlan,
  encoded: EncodedRelease,
  projected: readonly ProjectedColumn[],
): SlotEvidence {
  const releaseRows = encoded.rowCount;
  const slots = plan.first.length;
  const weights = new Float64Array(slots);
  const totalRows = projected.length === 0 ? releaseRows : projected[0].column.codes.length;
  const leakedRows = totalRows - releaseRows;
  if (projected.length === 0 || leakedRows === 0)
    return {
      weights,
      leakedRows,
      matchedRows: 0,
      retainedShare: 0,
      readableSlots: 0,
      cells: 1,
      released: new Float64Array(0),
      leaked: new Float64Array(0),
      firstCell: new Int32Array(slots),
      secondCell: new Int32Array(slots),
    };
  const cells = computeEquivalenceClasses(projected.map((p) => p.column));
  const cellOf = cells.classOfRecord;
  const released = new Float64Array(cells.classCount);
  const leaked = new Float64Array(cells.classCount);
  for (let row = 0; row < releaseRows; row++) released[cellOf[row]]++;
  let matchedRows = 0;
  for (let row = releaseRows; row < totalRows; row++) {
    const cell = cellOf[row];
    leaked[cell]++;
    // A row the release never had was added by the leaker: it tells nothing about the codeword.
    if (released[cell] > 0) matchedRows++;
  }
  const members = new Float64Array(cells.classCount);
  const firstCell = new Int32Array(slots);
  const secondCell = new Int32Array(slots);
  for (let s = 0; s < slots; s++) {
    firstCell[s] = cellOf[plan.first[s]];
    secondCell[s] = cellOf[plan.second[s]];
    members[firstCell[s]]++;
    members[secondCell[s]]++;
  }
  let releaseCells = 0;
  for (let cell = 0; cell < cells.classCount; cell++) if (released[cell] > 0) releaseCells++;
  const p = matchedRows / Math.max(1, releaseRows - slots);
  const weighted = new Float64Array(cells.classCount);
  for (let cell = 0; cell < cells.classCount; cell++) {
    const m = members[cell];
    if (m === 0) continue;
    const expected = released[cell] - m / 2;
    const residual = leaked[cell] - p * expected;
    const variance = (p * p * m) / 4 + p * Math.abs(1 - p) * (released[cell] - m);
    weighted[cell] = variance > 0 ? ((p / 2) * residual) / variance : 0;
  }
  let largest = 0;
  for (let s = 0; s < slots; s++) {
    const a = firstCell[s];
    const b = secondCell[s];
    weights[s] = a === b ? 0 : weighted[a] - weighted[b];
    largest = Math.max(largest, Math.abs(weights[s]));
  }
  // Rounding leaves ~1e-16 where two cells' residuals cancel: that is no evidence, not a tiny one.
  let readableSlots = 0;
  for (let s = 0; s < slots; s++) {
    if (Math.abs(weights[s]) <= NEGLIGIBLE_WEIGHT * largest) weights[s] = 0;
    else readableSlots++;
  }
  return {
    weights,
    leakedRows,
    matchedRows,
    retainedShare: p,
    readableSlots,
    cells: releaseCells,
    released,
    leaked,
    firstCell,
    secondCell,
  };
}
