// A trade's marked copy: the release without the rows its codeword withholds, with what that
// changes and the proof (a re-measurement) that the copy passes everything the release passed.
import type { ColumnTable } from 'arquero';
import type { PrivacyMeasurement } from '../privacy/index.js';
import { measureCopyPrivacy, verifyNoPrivacyRegression } from './copy-privacy.js';
import type { EncodedRelease, FingerprintRelease } from './fingerprint-release.js';
import { FingerprintError } from './fingerprint-error.js';
import { toPreparedRelease, type PreparedRelease } from './prepared-release.js';
import type { FingerprintPlan } from './slot-plan.js';
import { withheldRowsOf } from './trade-codeword.js';

/** The figures of the report a reviewer approved, for one table. */
export interface PrivacyFigures {
  readonly rows: number;
  readonly classes: number;
  readonly k: number;
  readonly largestClass: number;
  /** Highest and average re-identification risk (GB/T 42460 R_b and R_c) and the overall R. */
  readonly highestRisk: number;
  readonly averageRisk: number;
  readonly R: number;
  readonly level: string;
  /** Per sensitive column, in the release's order. */
  readonly sensitive: readonly {
    readonly column: string;
    readonly lDistinct: number;
    readonly lEntropy: number;
    readonly cThreshold: number | null;
    readonly t: number;
    readonly deltaDisclosure: number;
  }[];
}

export interface MarkChanges {
  readonly rowsWithheld: number;
  readonly withheldShare: number;
  readonly classesTouched: number;
  /** The largest share of one class's rows this copy withholds. */
  readonly largestClassShareWithheld: number;
  /**
   * Per sensitive column: total variation distance between the release's and the copy's value
   * distributions, over the whole table and in the worst class.
   */
  readonly sensitiveDistance: readonly {
    readonly column: string;
    readonly table: number;
    readonly worstClass: number;
  }[];
  readonly before: PrivacyFigures;
  readonly after: PrivacyFigures;
}

export interface MarkedCopy {
  /** The release's rows in release order, less the withheld ones; same columns. */
  readonly copy: ColumnTable;
  readonly withheldRows: Uint32Array;
  readonly changes: MarkChanges;
}

/**
 * Marks the trade's copy of `release` under `plan`. Re-measures the copy with the release's own
 * models and throws `fingerprint_privacy_regression` if it fails any check the release passes, loses
 * a class or lowers k (the plan's budget rules that out; the check is the guarantee's proof).
 * Throws `fingerprint_plan_mismatch` when the plan was made for a release of another size.
 */
export function markCopy(
  releaseToMark: FingerprintRelease | PreparedRelease,
  plan: FingerprintPlan,
  tradeKey: Uint8Array,
): MarkedCopy {
  const { release, encoded, privacy: before } = toPreparedRelease(releaseToMark);
  if (plan.rowCount !== encoded.rowCount) {
    throw new FingerprintError(
      'fingerprint_plan_mismatch',
      `the plan covers ${plan.rowCount} rows, the release has ${encoded.rowCount}`,
      { details: { planRows: plan.rowCount, releaseRows: encoded.rowCount } },
    );
  }
  const withheldRows = withheldRowsOf(plan, tradeKey);
  const withheld = new Uint8Array(encoded.rowCount);
  for (const row of withheldRows) withheld[row] = 1;
  const after = measureCopyPrivacy(release, encoded, withheld);
  verifyNoPrivacyRegression(before, after);
  const kept: number[] = [];
  for (let row = 0; row < withheld.length; row++) if (withheld[row] === 0) kept.push(row);
  return {
    copy: release.table.reify(kept),
    withheldRows,
    changes: describeChanges(
      encoded,
      withheld,
      withheldRows,
      before.measurement,
      after.measurement,
    ),
  };
}

function describeChanges(
  encoded: EncodedRelease,
  withheld: Uint8Array,
  withheldRows: Uint32Array,
  before: PrivacyMeasurement,
  after: PrivacyMeasurement,
): MarkChanges {
  const { classes } = encoded;
  const perClass = new Int32Array(classes.classCount);
  for (const row of withheldRows) perClass[classes.classOfRecord[row]]++;
  let classesTouched = 0;
  let largestClassShareWithheld = 0;
  for (let cls = 0; cls < perClass.length; cls++) {
    if (perClass[cls] === 0) continue;
    classesTouched++;
    largestClassShareWithheld = Math.max(
      largestClassShareWithheld,
      perClass[cls] / classes.classSizes[cls],
    );
  }
  return {
    rowsWithheld: withheldRows.length,
    withheldShare: encoded.rowCount === 0 ? 0 : withheldRows.length / encoded.rowCount,
    classesTouched,
    largestClassShareWithheld,
    sensitiveDistance: encoded.sensitive.map((column) => ({
      column: column.name,
      ...distributionShift(column.codes, column.dictionary.length, classes.classOfRecord, withheld),
    })),
    before: toFigures(before),
    after: toFigures(after),
  };
}

/**
 * Total variation between a column's distribution with and without the withheld rows, over the
 * table and per class (the worst class). Work: one pass over rows plus the touched classes.
 */
function distributionShift(
  codes: Int32Array,
  valueCount: number,
  classOf: Int32Array,
  withheld: Uint8Array,
): { table: number; worstClass: number } {
  const all = new Float64Array(valueCount);
  const removed = new Float64Array(valueCount);
  const touched = new Map<
    number,
    { size: number; counts: Map<number, number>; gone: Map<number, number> }
  >();
  for (let row = 0; row < codes.length; row++) {
    all[codes[row]]++;
    if (withheld[row] === 1) {
      removed[codes[row]]++;
      touched.set(classOf[row], { size: 0, counts: new Map(), gone: new Map() });
    }
  }
  for (let row = 0; row < codes.length; row++) {
    const entry = touched.get(classOf[row]);
    if (entry === undefined) continue;
    entry.size++;
    entry.counts.set(codes[row], (entry.counts.get(codes[row]) ?? 0) + 1);
    if (withheld[row] === 1) entry.gone.set(codes[row], (entry.gone.get(codes[row]) ?? 0) + 1);
  }
  let total = 0;
  let totalRemoved = 0;
  for (let code = 0; code < valueCount; code++) {
    total += all[code];
    totalRemoved += removed[code];
  }
  let table = 0;
  for (let code = 0; code < valueCount; code++)
    table += Math.abs(all[code] / total - (all[code] - removed[code]) / (total - totalRemoved));
  let worstClass = 0;
  for (const { size, counts, gone } of touched.values()) {
    let goneCount = 0;
    for (const g of gone.values()) goneCount += g;
    let distance = 0;
    for (const [code, count] of counts)
      distance += Math.abs(count / size - (count - (gone.get(code) ?? 0)) / (size - goneCount));
    worstClass = Math.max(worstClass, distance / 2);
  }
  return { table: total === 0 ? 0 : table / 2, worstClass };
}

function toFigures(measurement: PrivacyMeasurement): PrivacyFigures {
  return {
    rows: measurement.records - measurement.suppressed,
    classes: measurement.classes,
    k: measurement.k,
    largestClass: measurement.largestClass,
    highestRisk: measurement.gbt42460.Rb,
    averageRisk: measurement.gbt42460.Rc,
    R: measurement.gbt42460.R,
    level: measurement.gbt42460.level,
    sensitive: measurement.sensitive.map((s) => ({
      column: s.name,
      lDistinct: s.lDistinct,
      lEntropy: s.lEntropy,
      cThreshold: s.recursive.cThreshold,
      t: s.t,
      deltaDisclosure: s.deltaDisclosure,
    })),
  };
}
