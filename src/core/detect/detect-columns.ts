// Column-level detection: match shares per detector, header context, a verdict per column.
import type { ColumnTable } from 'arquero';
import {
  countCodes,
  encodeColumn,
  toRawString,
  type DictionaryColumn,
} from '../table/dictionary-column.js';
import { sampleColumn, type SampledColumn } from '../table/encoded-table.js';
import type { DetectContext, Detector, DetectorKind } from './detector.js';
import { createDetectors } from './detectors/index.js';
import { scanFullColumn, type FullColumnScan } from './full-scan.js';
import { forColumn, toDetectorSet } from './detector-set.js';
import { addMatches, containMask, EMPTY_VALUE, isTextCell, matchMask } from './match-mask.js';
import { headerHint } from './header-context.js';
import { inferColumnType, type ColumnType } from './infer-type.js';

export interface Finding {
  readonly kind: DetectorKind;
  /** Matching values / non-empty values. */
  readonly match_rate: number;
  readonly confidence: number;
  /** Matching values (rows) among those scanned. */
  readonly matches: number;
}

/** A kind found inside the cells of a column (whole cells included). */
export interface SpanFinding {
  readonly kind: DetectorKind;
  /** Cells holding at least one span of the kind. */
  readonly cells: number;
  /** cells / non-empty cells. */
  readonly cell_rate: number;
}

export interface ColumnDetection {
  readonly name: string;
  readonly type: ColumnType;
  readonly nulls: number;
  /** Distinct raw strings over the whole column; null when only a sample was read (see detectSampledColumn). */
  readonly distinct: number | null;
  readonly findings: readonly Finding[];
  readonly direct_identifier: boolean;
  /**
   * Kinds found inside cells (an ID in a sentence, two phones in one cell), by share of cells;
   * whole-cell matches count too. Empty when the scan did not look inside cells.
   */
  readonly contained: readonly SpanFinding[];
  /**
   * True when identifiers sit inside the column's cells (not as whole values, which `findings`
   * judge): a kind inside at least SPAN_FINDING_MIN_RATE of the cells, or a strong kind (check
   * digit, precise grammar) inside any cell.
   */
  readonly contains_identifiers: boolean;
  /**
   * True for running text (TEXT_LIKE_RATE of its cells are long or hold sentence punctuation):
   * a column the gate accepts only as `role: text`, scrubbed.
   */
  readonly text_like: boolean;
  /** Whether findings come from the sample alone or from every row. */
  readonly scanned: 'sample' | 'full';
}

export interface DetectionReport {
  readonly rows: number;
  readonly columns: readonly ColumnDetection[];
}

export interface DetectOptions extends DetectContext {
  /** Rows in the first-pass sample (golden-ratio positions); default 2000. */
  readonly sampleSize?: number;
  /** Skip the sample and scan every value; default false. */
  readonly fullScan?: boolean;
  /** Called after each column with (columns done, columns total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Rows in detection's first-pass sample, by default. */
export const DETECTION_SAMPLE_SIZE = 2000;

/** A finding is listed from this share of non-empty values up (or any share when the header names the kind). */
export const FINDING_MIN_RATE = 0.05;
/** A column is a direct identifier when some finding reaches this confidence. */
export const VERDICT_CONFIDENCE = 0.5;
/** A kind found inside this share of cells (or a strong kind in any cell) makes a column contain identifiers. */
export const SPAN_FINDING_MIN_RATE = 0.01;
/** A column is running text when this share of its non-empty cells are text cells (isTextCell). */
export const TEXT_LIKE_RATE = 0.5;
/** A sample is conclusive when every detector's share is 0 or at least this. */
const CONCLUSIVE_RATE = 0.95;

/**
 * Detects direct identifiers in every column of `table`. Each column is judged on a sample at
 * golden-ratio positions first; when some detector's share there is neither zero nor ≥ 95 %, the verdict is
 * close to a threshold and every distinct value is scanned (weighted by its row count).
 * Nulls count empty cells; `distinct` counts distinct raw strings over the whole column.
 */
export function detectColumns(table: ColumnTable, options: DetectOptions): DetectionReport {
  const detectors = createDetectors(options);
  const names = table.columnNames();
  const columns = names.map((name, index) => {
    const values = table.array(name) as ArrayLike<unknown>;
    const result = options.fullScan
      ? detectScannedColumn(scanFullColumn(name, values, detectors), detectors)
      : detectValues(name, values, detectors, options.sampleSize ?? 2000);
    options.onProgress?.(index + 1, names.length);
    return result;
  });
  return { rows: table.numRows(), columns };
}

/**
 * detectColumn(encodeColumn(name, values)) without building the encoding, in one pass over the
 * column: the sample is read from the raw values first; the full scan then counts nulls,
 * distinct values and the type, and tests every row only when the sample was inconclusive
 * (distinct values within the dictionary are tested either way, so a column with too few
 * distinct values for its sample to stand for it is judged in full).
 */
function detectValues(
  name: string,
  values: ArrayLike<unknown>,
  detectors: readonly Detector[],
  sampleSize: number,
): ColumnDetection {
  const rows = values.length;
  const sample =
    rows > 2 * sampleSize
      ? scanSample((row) => toRawString(values[row]), rows, name, detectors, sampleSize)
      : undefined;
  const decided = sample !== undefined && isConclusive(sample);
  const scanned = scanFullColumn(name, values, detectors, { matchOverflow: !decided });
  return (
    detectFromScans(sample, scanned, detectors, sampleSize) ??
    detectScannedColumn(scanFullColumn(name, values, detectors), detectors)
  );
}

/**
 * The verdict of detectColumns from a column's sample (undefined when the column has at most
 * 2 × sampleSize rows) and its full scan: the sample's findings when it is conclusive and the
 * column has more distinct values than the sample, else the full scan's. Undefined when the full
 * scan is needed but did not test its overflow rows: the caller scans again with matchOverflow.
 */
export function detectFromScans(
  sample: ScanResult | undefined,
  scanned: FullColumnScan,
  detectors: readonly Detector[],
  sampleSize: number,
): ColumnDetection | undefined {
  const { name } = scanned;
  if (sample !== undefined && isConclusive(sample) && scanned.distinct > sampleSize)
    return {
      name,
      type: scanned.type,
      nulls: scanned.nulls,
      distinct: scanned.distinct,
      ...judgeColumn(name, detectors, sample),
      scanned: 'sample',
    };
  // Only a column with more distinct values than the sample overflows the dictionary.
  return scanned.overflowRows === 0 || scanned.overflowMatched
    ? detectScannedColumn(scanned, detectors)
    : undefined;
}

/**
 * Detection from a sample of a column's raw values only, with no dictionary encoding: for
 * columns a pipeline drops, where encoding a million distinct strings would buy nothing.
 * `nulls` is exact (one pass, no hashing), `distinct` is null, `scanned` is `sample`.
 */
export function detectSampledColumn(
  name: string,
  values: ArrayLike<unknown>,
  detectors: readonly Detector[],
  sampleSize = DETECTION_SAMPLE_SIZE,
): ColumnDetection {
  return detectSample(name, sampleColumn(values, sampleSize), detectors);
}

/** detectSampledColumn, for a column a reader kept only as its sample (see core/table EncodePlan). */
export function detectSample(
  name: string,
  sampled: SampledColumn,
  detectors: readonly Detector[],
): ColumnDetection {
  const encoded = encodeColumn(name, sampled.sample);
  const scan = scanColumnMatches(encoded, detectors);
  return {
    name,
    type: inferColumnType(encoded.dictionary),
    nulls: sampled.nulls,
    distinct: null,
    ...judgeColumn(name, detectors, scan),
    scanned: 'sample',
  };
}

/** Detection for one dictionary-encoded column; see detectColumns. */
export function detectColumn(
  column: DictionaryColumn,
  detectors: readonly Detector[],
  options: Pick<DetectOptions, 'sampleSize' | 'fullScan'> = {},
): ColumnDetection {
  const counts = countCodes(column);
  const emptyCode = column.dictionary.indexOf('');
  const nulls = emptyCode >= 0 ? counts[emptyCode] : 0;
  const rows = column.codes.length;
  const sampleSize = options.sampleSize ?? 2000;
  let scanned: 'sample' | 'full' = 'full';
  let result: ScanResult | undefined;
  if (!options.fullScan && rows > 2 * sampleSize && column.dictionary.length > sampleSize) {
    const { dictionary, codes } = column;
    const sample = scanSample(
      (row) => dictionary[codes[row]],
      rows,
      column.name,
      detectors,
      sampleSize,
    );
    if (isConclusive(sample)) {
      result = sample;
      scanned = 'sample';
    }
  }
  result ??= scanColumnMatches(column, detectors, counts);
  return {
    name: column.name,
    type: inferColumnType(column.dictionary),
    nulls,
    distinct: column.dictionary.length,
    ...judgeColumn(column.name, detectors, result),
    scanned,
  };
}

/** Detection for a column scanned in full (scanFullColumn). */
export function detectScannedColumn(
  scanned: FullColumnScan,
  detectors: readonly Detector[],
): ColumnDetection {
  return {
    name: scanned.name,
    type: scanned.type,
    nulls: scanned.nulls,
    distinct: scanned.distinct,
    ...judgeColumn(scanned.name, detectors, scanned.scan),
    scanned: 'full',
  };
}

export interface ScanResult {
  /** Non-empty values scanned. */
  readonly nonEmpty: number;
  /** Matches per detector, in the detectors' order. */
  readonly matches: Int32Array;
  /**
   * Per detector, cells whose value holds its kind whole or as a span (containMask); absent
   * when the scan did not look inside cells.
   */
  readonly contains?: Int32Array;
  /** Non-empty cells that are running text (isTextCell). */
  readonly textCells?: number;
}

/**
 * Counts, for every detector, the rows whose value matches: each distinct value is normalized
 * (trimmed, folded to half width) and tested once, then weighted by its row count. Work scales
 * with distinct values, which is what makes a full scan of generalized output cheap.
 */
export function scanColumnMatches(
  column: DictionaryColumn,
  detectors: readonly Detector[],
  counts: Int32Array = countCodes(column),
): ScanResult {
  const matches = new Int32Array(detectors.length);
  const contains = new Int32Array(detectors.length);
  let nonEmpty = 0;
  let textCells = 0;
  const dictionary = column.dictionary;
  const set = forColumn(toDetectorSet(detectors), column.name);
  for (let code = 0; code < dictionary.length; code++) {
    const value = dictionary[code];
    const mask = matchMask(value, set);
    if (mask === EMPTY_VALUE) continue;
    const weight = counts[code];
    nonEmpty += weight;
    if (mask !== 0) addMatches(mask, weight, matches);
    const contained = containMask(value, mask, set);
    if (contained !== 0) addMatches(contained, weight, contains);
    if (isTextCell(value)) textCells += weight;
  }
  return { nonEmpty, matches, contains, textCells };
}

/**
 * Matches over `size` rows at golden-ratio positions (all rows when there are fewer): the rows of
 * core/table samplePositions(rows, size), in that order.
 */
export function scanSample(
  valueAt: (row: number) => string,
  rows: number,
  header: string,
  detectors: readonly Detector[],
  size: number,
): ScanResult {
  const matches = new Int32Array(detectors.length);
  const contains = new Int32Array(detectors.length);
  const set = forColumn(toDetectorSet(detectors), header);
  let nonEmpty = 0;
  let textCells = 0;
  for (let i = 0; i < size; i++) {
    // Golden-ratio (Weyl) positions: spread like a stride but cannot alias with periodic data.
    const position = Math.floor(((i * 0.6180339887498949) % 1) * rows);
    const value = valueAt(position);
    const mask = matchMask(value, set);
    if (mask === EMPTY_VALUE) continue;
    nonEmpty++;
    if (mask !== 0) addMatches(mask, 1, matches);
    const contained = containMask(value, mask, set);
    if (contained !== 0) addMatches(contained, 1, contains);
    if (isTextCell(value)) textCells++;
  }
  return { nonEmpty, matches, contains, textCells };
}

/** A sample decides the verdict when every detector's share, whole and inside cells, is 0 or at least CONCLUSIVE_RATE. */
function isConclusive(sample: ScanResult): boolean {
  const decided = (m: number) =>
    m === 0 || (sample.nonEmpty > 0 && m / sample.nonEmpty >= CONCLUSIVE_RATE);
  return sample.matches.every(decided) && (sample.contains?.every(decided) ?? true);
}

/**
 * Turns match counts into findings and a verdict. Confidence is the match share (× 0.9 for weak
 * detectors, whose patterns ordinary words can share), +0.15 when the header names the kind,
 * −0.3 when it names a non-identifier (订单, amount…), clamped to [0, 1].
 */
export function judgeColumn(
  header: string,
  detectors: readonly Detector[],
  scan: ScanResult,
): Pick<
  ColumnDetection,
  'findings' | 'direct_identifier' | 'contained' | 'contains_identifiers' | 'text_like'
> {
  const findings: Finding[] = [];
  for (let d = 0; d < detectors.length; d++) {
    const matches = scan.matches[d];
    if (matches === 0) continue;
    const rate = matches / scan.nonEmpty;
    const hint = headerHint(header, detectors[d].kind);
    if (rate < FINDING_MIN_RATE && hint <= 0) continue;
    const base = detectors[d].strength === 'strong' ? rate : rate * 0.9;
    const confidence = Math.min(1, Math.max(0, base + (hint > 0 ? 0.15 : hint < 0 ? -0.3 : 0)));
    findings.push({
      kind: detectors[d].kind,
      match_rate: round4(rate),
      confidence: round4(confidence),
      matches,
    });
  }
  findings.sort((a, b) => b.confidence - a.confidence);
  const contained: SpanFinding[] = [];
  let containsIdentifiers = false;
  if (scan.contains !== undefined && scan.nonEmpty > 0)
    for (let d = 0; d < detectors.length; d++) {
      const cells = scan.contains[d];
      if (cells === 0) continue;
      contained.push({ kind: detectors[d].kind, cells, cell_rate: round4(cells / scan.nonEmpty) });
      // Cells where the kind sits inside, not as the whole value (whole values are findings).
      const inside = cells - scan.matches[d];
      if (
        inside / scan.nonEmpty >= SPAN_FINDING_MIN_RATE ||
        (inside > 0 && detectors[d].strength === 'strong')
      )
        containsIdentifiers = true;
    }
  contained.sort((a, b) => b.cells - a.cells);
  return {
    findings,
    direct_identifier: findings.some((f) => f.confidence >= VERDICT_CONFIDENCE),
    contained,
    contains_identifiers: containsIdentifiers,
    text_like: scan.nonEmpty > 0 && (scan.textCells ?? 0) / scan.nonEmpty >= TEXT_LIKE_RATE,
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
