// What a leaked copy says about each slot: which member it appears to keep, and how strongly,
// from the counts of the leak's rows in each cell of the columns it kept (docs/fingerprinting.md).
import { computeEquivalenceClasses } from '../privacy/index.js';
import type { EncodedRelease } from './fingerprint-release.js';
import type { ProjectedColumn } from './leaked-columns.js';
import type { FingerprintPlan } from './slot-plan.js';

/** Cells are grouped by size in powers of two to estimate how much of each size the leak kept. */
function sizeBucket(size: number): number {
  return size <= 1 ? 0 : Math.min(31, Math.floor(Math.log2(size)));
}

/**
 * The share of a copy's rows the leak retains, per size bucket of the cells: Σ L / Σ (n − m/2).
 * A leaker who samples keeps the same share everywhere; one who deletes the rows that are rare in
 * his copy keeps none of the small cells and all of the large ones — one global share would then
 * read every large cell as far too full. Computed from the leak alone, so the null is untouched.
 */
function retainedShareBySize(
  released: Float64Array,
  leaked: Float64Array,
  members: Float64Array,
): Float64Array {
  const kept = new Float64Array(32);
  const expected = new Float64Array(32);
  for (let cell = 0; cell < released.length; cell++) {
    if (released[cell] === 0) continue;
    const bucket = sizeBucket(released[cell]);
    kept[bucket] += leaked[cell];
    expected[bucket] += released[cell] - members[cell] / 2;
  }
  const share = new Float64Array(32);
  for (let bucket = 0; bucket < 32; bucket++)
    share[bucket] = expected[bucket] > 0 ? kept[bucket] / expected[bucket] : 0;
  return share;
}

/**
 * The noise per release row, per size bucket, measured on the cells that hold no member:
 * Σ (L − p n)² / Σ n. Thinning at a rate p gives p(1 − p); two copies interleaved give ≈ ½ though p
 * is 1; an exact projection gives 0. From the leak alone, so the null is untouched.
 */
function dispersionBySize(
  released: Float64Array,
  leaked: Float64Array,
  members: Float64Array,
  retained: Float64Array,
): Float64Array {
  const squares = new Float64Array(32);
  const rows = new Float64Array(32);
  for (let cell = 0; cell < released.length; cell++) {
    if (released[cell] === 0 || members[cell] > 0) continue;
    const bucket = sizeBucket(released[cell]);
    const deviation = leaked[cell] - retained[bucket] * released[cell];
    squares[bucket] += deviation * deviation;
    rows[bucket] += released[cell];
  }
  const dispersion = new Float64Array(32);
  for (let bucket = 0; bucket < 32; bucket++)
    dispersion[bucket] = rows[bucket] > 0 ? squares[bucket] / rows[bucket] : 0;
  return dispersion;
}

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
 * retains a share p of it about p·(n(C) − m(C)/2), p estimated among cells of C's size. The residual R(C) = L(C) − p(n(C) − m(C)/2)
 * of the leak's count L(C) is what the leaker's codeword did to C, plus noise. Each cell's residual
 * is weighted by g(C) = (p/2) / (p² m(C)/4 + φ (n(C) − m(C))) — signal over variance: the member
 * interference p² m/4 and the noise φ per other row (measured on cells without members, at least
 * the p|1 − p| of thinning) — and a slot's weight is g·R of its first member's cell minus that of
 * its second's.
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
  const retained = retainedShareBySize(released, leaked, members);
  const dispersion = dispersionBySize(released, leaked, members, retained);
  const weighted = new Float64Array(cells.classCount);
  for (let cell = 0; cell < cells.classCount; cell++) {
    const m = members[cell];
    if (m === 0) continue;
    const share = retained[sizeBucket(released[cell])];
    const expected = released[cell] - m / 2;
    const residual = leaked[cell] - share * expected;
    const perRow = Math.max(dispersion[sizeBucket(released[cell])], share * Math.abs(1 - share));
    const variance = (share * share * m) / 4 + perRow * (released[cell] - m);
    weighted[cell] = variance > 0 ? ((share / 2) * residual) / variance : 0;
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
