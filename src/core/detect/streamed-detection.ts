// Detection of a CSV's columns as its rows stream past (a CsvCellSink): no column is ever held, so
// memory follows the columns' dictionaries and a few bytes per near-unique value, not the file.
import type { CsvCellSink } from '../table/csv-parser.js';
import { samplePositions } from '../table/encoded-table.js';
import { ownedString } from '../table/owned-string.js';
import {
  DETECTION_SAMPLE_SIZE,
  detectFromScans,
  scanSample,
  type ColumnDetection,
} from './detect-columns.js';
import type { Detector } from './detector.js';
import { FullColumnScanner } from './full-scan.js';

export interface StreamedDetectionOptions {
  /**
   * The table's data rows, from a pass that counted them: the sample's golden-ratio positions
   * and the dictionaries' size depend on it, as they do for detectColumns.
   */
  readonly rows: number;
  /** Rows in the sample; default DETECTION_SAMPLE_SIZE. */
  readonly sampleSize?: number;
  /**
   * The columns scanned (default: all). A second pass over the columns an inconclusive sample
   * left undecided scans only those, with `matchOverflow`.
   */
  readonly columns?: ReadonlySet<string>;
  /**
   * Test every row against the detectors, also beyond the dictionary (FullScanOptions); default
   * false: the sample decides near-unique columns, and detections() names those it cannot.
   */
  readonly matchOverflow?: boolean;
  /** Keep up to `perColumn` distinct non-empty values (trimmed) among the first `rows` rows. */
  readonly examples?: { readonly rows: number; readonly perColumn: number };
}

/**
 * Feeds each row's cells to a FullColumnScanner per column (distinct values beyond its dictionary
 * counted by 64-bit hashes, see FullColumnScanner.finish) and keeps the cells at the sample's
 * positions. detections() then answers what detectColumns answers for the same table, except
 * for the columns it leaves undefined, whose rows must be tested again in full.
 */
export class StreamedDetection implements CsvCellSink {
  private readonly scanners: (FullColumnScanner | undefined)[];
  private text = '';
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly quoted: (string | undefined)[];
  private readonly sampleSize: number;
  /** The sample's rows, ascending and distinct; per column, its cell at each of them. */
  private readonly sampleRows: Int32Array;
  private readonly samples: string[][];
  private nextSample = 0;
  private readonly examples: Set<string>[];
  private readonly exampleRows: number;
  private readonly examplesPerColumn: number;

  constructor(
    readonly header: readonly string[],
    private readonly detectors: readonly Detector[],
    private readonly options: StreamedDetectionOptions,
  ) {
    const columns = options.columns;
    this.scanners = header.map((name) =>
      columns === undefined || columns.has(name)
        ? new FullColumnScanner(name, options.rows, detectors, {
            matchOverflow: options.matchOverflow ?? false,
            keep: ownedString,
            keys: 'second-hash',
          })
        : undefined,
    );
    this.starts = new Int32Array(header.length);
    this.ends = new Int32Array(header.length);
    this.quoted = header.map(() => undefined);
    this.sampleSize = options.sampleSize ?? DETECTION_SAMPLE_SIZE;
    this.sampleRows =
      options.rows > 2 * this.sampleSize && !options.matchOverflow
        ? Int32Array.from(new Set(samplePositions(options.rows, this.sampleSize))).sort()
        : new Int32Array(0);
    this.samples = header.map(() => []);
    this.examples = header.map(() => new Set<string>());
    this.exampleRows = options.examples?.rows ?? 0;
    this.examplesPerColumn = options.examples?.perColumn ?? 0;
  }

  push(
    column: number,
    _row: number,
    text: string,
    start: number,
    end: number,
    quoted: string | undefined,
  ): void {
    // Kept until endRow, which comes in the same parse call: a row taken back is overwritten.
    this.text = text;
    this.starts[column] = start;
    this.ends[column] = end;
    this.quoted[column] = quoted;
  }

  endRow(row: number): void {
    const sampled = this.sampleRows[this.nextSample] === row;
    const exampled = row < this.exampleRows;
    const text = this.text;
    for (let column = 0; column < this.scanners.length; column++) {
      const scanner = this.scanners[column];
      if (scanner === undefined) continue;
      // A view into the parser's text: the scanner keeps an owned copy of what it stores.
      const value = this.quoted[column] ?? text.slice(this.starts[column], this.ends[column]);
      scanner.add(value, row);
      if (sampled) this.samples[column][this.nextSample] = ownedString(value);
      if (exampled) this.addExample(column, value);
    }
    if (sampled) this.nextSample++;
  }

  /**
   * Per column, what detectColumns answers; undefined for a column not scanned, or whose sample
   * was inconclusive while its overflow rows went untested (scan it again with matchOverflow).
   * Requires `rows` to be the rows read, equal to options.rows.
   */
  detections(rows: number): (ColumnDetection | undefined)[] {
    if (rows !== this.options.rows)
      throw new Error(`StreamedDetection: planned ${this.options.rows} rows, read ${rows}`);
    const slotOf = new Map<number, number>();
    this.sampleRows.forEach((sampleRow, slot) => slotOf.set(sampleRow, slot));
    return this.scanners.map((scanner, column) => {
      if (scanner === undefined) return undefined;
      const cells = this.samples[column];
      const sample =
        this.sampleRows.length === 0
          ? undefined
          : scanSample(
              (sampleRow) => cells[slotOf.get(sampleRow) as number],
              rows,
              this.header[column],
              this.detectors,
              this.sampleSize,
            );
      return detectFromScans(sample, scanner.finish(), this.detectors, this.sampleSize);
    });
  }

  /** The examples kept for the column at `index`, in order of first appearance. */
  examplesOf(index: number): string[] {
    return [...this.examples[index]];
  }

  private addExample(column: number, value: string): void {
    const seen = this.examples[column];
    if (seen.size >= this.examplesPerColumn) return;
    const trimmed = value.trim();
    if (trimmed.length > 0) seen.add(ownedString(trimmed));
  }
}
