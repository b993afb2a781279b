// A CSV reader's columns kept as an EncodePlan says: codes into interned dictionaries, or only a
// sample and the count of empty cells, or nothing; never a string per row.
import type { CsvCellSink } from './csv-parser.js';
import type { DictionaryColumn } from './dictionary-column.js';
import {
  samplePositions,
  type EncodePlan,
  type SampledColumn,
  type ColumnReadMode,
} from './encoded-table.js';
import { ownedSlice, ownedString } from './owned-string.js';
import { StringInterner } from './string-interner.js';

/**
 * Distinct values from which an encoded column stops keeping a second copy of its characters for
 * in-place lookups: it is near-unique, and the copy would double its memory.
 */
const RANGE_COPY_LIMIT = 65_536;

const ENCODE = 0;
const SAMPLE = 1;
const SKIP = 2;
const MODE_CODES: Readonly<Record<ColumnReadMode, number>> = {
  encode: ENCODE,
  sample: SAMPLE,
  skip: SKIP,
};

/**
 * The parser calls `push` for each cell of data row `row` and `endRow` once the row is complete.
 * A row cut by the end of a piece is pushed again from its first cell: everything `push` does is
 * an overwrite for the same row (a code at its index, a flag, a sample slot), and counting waits
 * for `endRow`, so a row taken back is never counted twice.
 */
export class PlannedColumns implements CsvCellSink {
  private readonly modes: Uint8Array;
  private readonly interners: (StringInterner | undefined)[];
  private codes: Int32Array[];
  private readonly nulls: Float64Array;
  /** Whether the current row's cell is empty, per column (summed into nulls at endRow). */
  private readonly emptyInRow: Uint8Array;
  /** The sample's rows, ascending and distinct, and for each sampled column a cell per such row. */
  private readonly sampleRows: Int32Array;
  private readonly samples: string[][];
  private nextSample = 0;
  private readonly positions: Int32Array;
  private readonly plannedRows: number | undefined;

  constructor(names: readonly string[], plan: EncodePlan, expectedRows: number) {
    this.modes = Uint8Array.from(names, (name) => MODE_CODES[plan.modeOf(name)]);
    const sampling = this.modes.includes(SAMPLE);
    if (sampling && plan.rows === undefined)
      throw new Error('PlannedColumns: a sampled column needs the row count (plan.rows)');
    this.plannedRows = plan.rows;
    const capacity = plan.rows ?? expectedRows;
    this.interners = names.map((_, index) =>
      this.modes[index] === ENCODE
        ? new StringInterner(8, Infinity, { rangeLookups: true })
        : undefined,
    );
    this.codes = names.map((_, index) =>
      this.modes[index] === ENCODE ? new Int32Array(Math.max(capacity, 16)) : new Int32Array(0),
    );
    this.nulls = new Float64Array(names.length);
    this.emptyInRow = new Uint8Array(names.length);
    this.positions = sampling
      ? samplePositions(plan.rows ?? 0, plan.sampleSize)
      : new Int32Array(0);
    this.sampleRows = Int32Array.from(new Set(this.positions)).sort();
    this.samples = names.map(() => []);
  }

  /** Cell `column` of data row `row`: `text.slice(start, end)`, or `quoted` (unescaped) when quoted. */
  push(
    column: number,
    row: number,
    text: string,
    start: number,
    end: number,
    quoted: string | undefined,
  ): void {
    const mode = this.modes[column];
    if (mode === ENCODE) {
      const interner = this.interners[column] as StringInterner;
      const code =
        quoted === undefined
          ? interner.internRange(text, start, end, ownedSlice)
          : interner.intern(ownedString(quoted));
      if (interner.size === RANGE_COPY_LIMIT) interner.releaseRangeCopies();
      let codes = this.codes[column];
      if (row >= codes.length) codes = this.growCodes(column, row);
      codes[row] = code;
      return;
    }
    this.emptyInRow[column] = (quoted === undefined ? end === start : quoted === '') ? 1 : 0;
    if (mode === SAMPLE && this.sampleRows[this.nextSample] === row)
      this.samples[column][this.nextSample] =
        quoted === undefined ? ownedSlice(text, start, end) : ownedString(quoted);
  }

  endRow(row: number): void {
    for (let column = 0; column < this.modes.length; column++)
      if (this.modes[column] !== ENCODE) this.nulls[column] += this.emptyInRow[column];
    if (this.sampleRows[this.nextSample] === row) this.nextSample++;
  }

  /** The encoded column at `index` over `rows` rows; undefined when it was not encoded. */
  encodedColumn(index: number, name: string, rows: number): DictionaryColumn | undefined {
    const interner = this.interners[index];
    if (interner === undefined) return undefined;
    const codes = this.codes[index];
    return {
      name,
      dictionary: interner.dictionary,
      // An exact size (the row count was known) keeps the buffer; a guess is trimmed by a copy.
      codes: codes.length === rows ? codes : codes.slice(0, rows),
    };
  }

  /**
   * The sample of the column at `index` once `rows` rows were read; undefined when it was not
   * sampled. Requires `rows` to be the plan's row count (the positions were chosen for it).
   */
  sampledColumn(index: number, rows: number): SampledColumn | undefined {
    if (this.modes[index] !== SAMPLE) return undefined;
    if (rows !== this.plannedRows)
      throw new Error(`PlannedColumns: planned ${this.plannedRows} rows, read ${rows}`);
    const cells = this.samples[index];
    const slotOf = new Map<number, number>();
    this.sampleRows.forEach((row, slot) => slotOf.set(row, slot));
    const sample = Array.from(this.positions, (row) => cells[slotOf.get(row) as number]);
    return { nulls: this.nulls[index], sample };
  }

  private growCodes(column: number, row: number): Int32Array {
    const old = this.codes[column];
    const grown = new Int32Array(Math.max(2 * old.length, row + 1));
    grown.set(old);
    this.codes[column] = grown;
    return grown;
  }
}
