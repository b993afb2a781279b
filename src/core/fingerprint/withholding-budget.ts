// Which rows a plan may make slot members: every member might be withheld from some copy, so a
// class's members are budgeted for the worst case — all of them withheld at once — against every
// figure the release was approved on (k, risk, l in each form, t).
import {
  CONTEXT_CLASS_THRESHOLD,
  classEntropy,
  computeEquivalenceClasses,
  countClassValues,
  type ClassValueCounts,
} from '../privacy/index.js';
import type { CopyPrivacy } from './copy-privacy.js';
import type { EncodedRelease, FingerprintRelease } from './fingerprint-release.js';

/** Reserves rows as slot members while the worst case keeps every approved figure. */
export interface WithholdingBudget {
  /** Reserves `row` and answers true when the worst case with it still passes; else changes nothing. */
  tryReserve(row: number): boolean;
  /** Whether `row`'s class could give up one more row at all (cheap pre-filter). */
  classHasRoom(row: number): boolean;
  /** Reserved rows per class. */
  readonly reservedPerClass: Int32Array;
}

/** Per sensitive attribute: per-class figures of the release and the worst-case state. */
interface AttributeBudget {
  /** (class, value) cell of each row and the cell's size. */
  readonly cellOfRow: Int32Array;
  readonly cellSizes: Int32Array;
  readonly cellReserved: Int32Array;
  /** Distinct values per class, and how many of them all-reserved rows would remove. */
  readonly distinct: Int32Array;
  readonly lost: Int32Array;
  readonly entropy: Float64Array;
  /** Largest value count and the recursive (c,l) tail r_l + … + r_m per class. */
  readonly top: Int32Array;
  readonly tail: Int32Array;
  readonly distinctFloor: number;
  /** ln of the required entropy l; -Infinity when not required. */
  readonly entropyFloor: number;
  /** Highest r1 / tail any class may reach (just under the required c); Infinity: not required. */
  readonly ratioCap: number;
  /** t the release measured and the requirement, or undefined without a t requirement. */
  readonly t: { readonly measured: number; readonly cap: number } | undefined;
}

/**
 * Budget for `encoded` given the release's own measurement `before` and the number of rows a copy
 * withholds (`withheldPerCopy`, for the shift of the table-wide distribution in t-closeness).
 *
 * No class may lose more than `maxClassShare` of its rows (a utility bound, not a privacy one).
 * Worst-case bounds used (r rows withheld from a class of n, ε = r / (n − r) ≥ total variation):
 * - k and risk: n − r ≥ max(k required, k measured, ⌈1/τ⌉ of the context), and ≥ ⌈1/threshold⌉ for
 *   a class not at risk before; so k, the highest risk and the classes are unchanged. For contexts
 *   judged on the average risk R_c, the average with every class at its worst stays ≤ threshold / pr.
 * - distinct l: at most (distinct − floor) of a class's values may lose every row, the floor being
 *   the release's smallest distinct count: the reported distinct l is unchanged.
 * - entropy l (when required): H(after) ≥ H − (ε ln(d − 1) + h(ε)) (Fannes–Audenaert continuity
 *   bound) must stay ≥ ln l.
 * - recursive (c,l) (when required): r1 / (tail − r) < c, since removing r rows lowers the tail by
 *   at most r and never raises r1.
 * - t (when required): t + ε + ε_table ≤ required t; the EMD under equal, ordered or hierarchical
 *   distance is at most the total variation, and the triangle inequality adds the two shifts.
 * Figures no threshold names (entropy l, c, t, δ, average risk when not required) may move a
 * little; markCopy reports them before and after.
 */
export function createWithholdingBudget(
  release: FingerprintRelease,
  encoded: EncodedRelease,
  before: CopyPrivacy,
  withheldPerCopy: number,
  maxClassShare: number,
): WithholdingBudget {
  const { classes } = encoded;
  const sizes = classes.classSizes;
  const measured = before.measurement;
  const gbt = release.gbt42460;
  const contextFloor =
    gbt === undefined ? 0 : Math.ceil(1 / CONTEXT_CLASS_THRESHOLD[gbt.context] - 1e-9);
  const riskFloor = Math.ceil(1 / measured.risk.threshold - 1e-9);
  const sizeFloor = Math.max(release.requirements.k ?? 0, measured.k, contextFloor, 1);
  const floorOf = new Int32Array(classes.classCount);
  for (let cls = 0; cls < floorOf.length; cls++) {
    const floor = sizes[cls] >= riskFloor ? Math.max(sizeFloor, riskFloor) : sizeFloor;
    // Utility: no copy lacks more than maxClassShare of a class.
    floorOf[cls] = Math.max(floor, sizes[cls] - Math.floor(maxClassShare * sizes[cls]));
  }
  // R_c = mean of 1/f over classes, judged for contexts other than public release.
  const averageRiskCap =
    gbt !== undefined && gbt.context !== 'public-release' && measured.gbt42460.pr > 0
      ? gbt.riskThreshold / measured.gbt42460.pr
      : Infinity;
  let inverseSizeSum = 0;
  for (let cls = 0; cls < sizes.length; cls++) inverseSizeSum += 1 / sizes[cls];
  const tableShift = withheldPerCopy / Math.max(1, encoded.rowCount - withheldPerCopy);
  const attributes = encoded.sensitive.map((column, index) =>
    budgetAttribute(release, encoded, before, index, column.name),
  );
  const reservedPerClass = new Int32Array(classes.classCount);

  const classHasRoom = (row: number): boolean => {
    const cls = classes.classOfRecord[row];
    return cls >= 0 && sizes[cls] - reservedPerClass[cls] - 1 >= floorOf[cls];
  };

  const tryReserve = (row: number): boolean => {
    if (!classHasRoom(row)) return false;
    const cls = classes.classOfRecord[row];
    const n = sizes[cls];
    const r = reservedPerClass[cls] + 1;
    const nextInverseSum = inverseSizeSum - 1 / (n - r + 1) + 1 / (n - r);
    if (nextInverseSum / sizes.length > averageRiskCap) return false;
    const epsilon = r / (n - r);
    for (const a of attributes) {
      const cell = a.cellOfRow[row];
      const loses = a.cellReserved[cell] + 1 === a.cellSizes[cell] ? 1 : 0;
      if (a.distinct[cls] - a.lost[cls] - loses < a.distinctFloor) return false;
      if (a.entropy[cls] - entropyShiftBound(epsilon, a.distinct[cls]) < a.entropyFloor - 1e-12)
        return false;
      if (Number.isFinite(a.ratioCap) && a.tail[cls] > 0) {
        const remaining = a.tail[cls] - r;
        if (remaining <= 0 || a.top[cls] / remaining > a.ratioCap) return false;
      }
      if (a.t !== undefined && a.t.measured + epsilon + tableShift > a.t.cap) return false;
    }
    reservedPerClass[cls] = r;
    inverseSizeSum = nextInverseSum;
    for (const a of attributes) {
      const cell = a.cellOfRow[row];
      a.cellReserved[cell]++;
      if (a.cellReserved[cell] === a.cellSizes[cell]) a.lost[cls]++;
    }
    return true;
  };
  return { tryReserve, classHasRoom, reservedPerClass };
}

function budgetAttribute(
  release: FingerprintRelease,
  encoded: EncodedRelease,
  before: CopyPrivacy,
  index: number,
  name: string,
): AttributeBudget {
  const { classes } = encoded;
  const column = encoded.sensitive[index];
  const figures = before.measurement.sensitive[index];
  const counts: ClassValueCounts = countClassValues(classes, column);
  const cells = computeEquivalenceClasses([...encoded.quasiIdentifiers, column]);
  const classCount = classes.classCount;
  const requiredL = (release.requirements.l ?? []).filter((r) => r.attribute === name);
  const entropyRequired = requiredL.find((r) => r.model === 'entropy');
  const recursiveRequired = requiredL.find((r) => r.model === 'recursive');
  const recursiveL = recursiveRequired?.l ?? figures.recursive.l;
  const distinct = new Int32Array(classCount);
  const entropy = new Float64Array(classCount);
  const top = new Int32Array(classCount);
  const tail = new Int32Array(classCount);
  for (let cls = 0; cls < classCount; cls++) {
    const start = counts.classOffsets[cls];
    const end = counts.classOffsets[cls + 1];
    distinct[cls] = end - start;
    entropy[cls] = classEntropy(counts, cls);
    top[cls] = counts.valueCounts[start];
    for (let i = start + recursiveL - 1; i < end; i++) tail[cls] += counts.valueCounts[i];
  }
  const required = (release.requirements.t ?? []).find((r) => r.attribute === name);
  return {
    cellOfRow: cells.classOfRecord,
    cellSizes: cells.classSizes,
    cellReserved: new Int32Array(cells.classCount),
    distinct,
    lost: new Int32Array(classCount),
    entropy,
    top,
    tail,
    distinctFloor: Math.max(
      figures.lDistinct,
      ...requiredL.filter((r) => r.model === 'distinct').map((r) => r.l),
    ),
    entropyFloor: entropyRequired === undefined ? -Infinity : Math.log(entropyRequired.l),
    // Strictly below c: r1 < c · tail (definition 4.1); the largest ratio allowed is just under c.
    ratioCap: recursiveRequired?.c === undefined ? Infinity : recursiveRequired.c * (1 - 1e-12),
    // A threshold the release already fails is not the plan's to keep (the gate refused it).
    t:
      required === undefined || figures.t > required.t
        ? undefined
        : { measured: figures.t, cap: required.t },
  };
}

/**
 * Upper bound on how much the entropy (nats) of a distribution over `support` values can change
 * when its total variation distance changes by `epsilon`: ε ln(d − 1) + h(ε) for ε ≤ 1 − 1/d,
 * else ln d (Audenaert 2007, the sharp Fannes inequality, classical case).
 */
export function entropyShiftBound(epsilon: number, support: number): number {
  if (support <= 1) return 0;
  if (epsilon >= 1 - 1 / support) return Math.log(support);
  const binary =
    epsilon <= 0 ? 0 : -epsilon * Math.log(epsilon) - (1 - epsilon) * Math.log(1 - epsilon);
  return epsilon * Math.log(support - 1) + binary;
}
