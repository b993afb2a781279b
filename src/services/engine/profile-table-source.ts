// Profiles an upload as it streams out of the blob store (or from bytes in memory): a CSV's rows go
// through core/detect's StreamedDetection and are never held, so the worker's memory follows the
// columns' dictionaries, not the file. JSON Lines streams the same way once a first pass has found
// its header (columns in order of first appearance across all lines); Arrow is read whole.
import {
  createDetectors,
  StreamedDetection,
  toChinaYmd,
  type ColumnDetection,
} from '../../core/detect/index.js';
import {
  CsvRowCounter,
  TableByteReader,
  toTextEncodingName,
  type CellsRead,
  type CsvCellSink,
  type TextEncodingName,
} from '../../core/table/index.js';
import type { BlobStore } from '../../store/blob-store.js';
import type { DatasetProfile, TableInput } from './anonymization-engine.js';
import {
  EXAMPLE_SCAN_ROWS,
  EXAMPLES_PER_COLUMN,
  profileTable,
  toColumnProfile,
} from './profile-table.js';
import { writeBlob } from './read-table-source.js';

const NO_CELLS: CsvCellSink = { push: () => undefined, endRow: () => undefined };

/**
 * The profile profileTable gives of `input`'s table, read in passes over its bytes: one counts a
 * CSV's rows (the sample's positions depend on the count) unless they were counted on the way
 * in (TableInput.csvRows), or a JSON Lines input's rows and header, one detects every column as it streams, and a third, rare one tests
 * every row of the near-unique columns whose sample was inconclusive. The figures are profileTable's, except that distinct counts
 * above 65,536 are counts of 64-bit hashes (see core/detect FullColumnScanner). Requires `store`
 * for a blob source.
 */
export async function profileTableSource(
  input: TableInput,
  store: BlobStore | undefined,
  nowMs: number,
): Promise<DatasetProfile> {
  let rows = rowsHint(input);
  let encoding = forcedEncoding(input);
  let jsonlHeader: readonly string[] | undefined;
  if (rows === undefined) {
    const counted = await readCells(input, store, encoding, () => NO_CELLS);
    if (counted.kind === 'table') return profileTable(counted, nowMs);
    rows = counted.rows;
    encoding = toTextEncodingName(counted.encoding);
    if (counted.format === 'jsonl') jsonlHeader = counted.header;
  }
  const detectors = createDetectors({ todayYmd: toChinaYmd(nowMs) });
  let streamed: StreamedDetection | undefined;
  const detect = (header: readonly string[]) =>
    (streamed = new StreamedDetection(header, detectors, {
      rows: rows as number,
      examples: { rows: EXAMPLE_SCAN_ROWS, perColumn: EXAMPLES_PER_COLUMN },
    }));
  let read = await readCsvCells(input, store, encoding, detect, jsonlHeader);
  if (read.rows !== rows) {
    // A hint the parser disagreed with (an input it still read): the sample positions were
    // chosen for another count, so the pass is read again with the count it found.
    rows = read.rows;
    read = await readCsvCells(input, store, toTextEncodingName(read.encoding), detect, jsonlHeader);
  }
  const detection = streamed as StreamedDetection;
  const columns: (ColumnDetection | undefined)[] = detection.detections(read.rows);
  const undecided = new Set(detection.header.filter((_, index) => columns[index] === undefined));
  if (undecided.size > 0) {
    let rescan: StreamedDetection | undefined;
    const reread = await readCsvCells(
      input,
      store,
      encoding,
      (header) => {
        rescan = new StreamedDetection(header, detectors, {
          rows: read.rows,
          columns: undecided,
          matchOverflow: true,
        });
        return rescan;
      },
      jsonlHeader,
    );
    (rescan as StreamedDetection)
      .detections(reread.rows)
      .forEach((column, index) => (columns[index] ??= column));
  }
  return {
    rows: read.rows,
    encoding: read.encoding,
    columns: columns.map((column, index) =>
      toColumnProfile(column as ColumnDetection, detection.examplesOf(index)),
    ),
  };
}

/** One pass over the input's bytes, read again when a late byte proves it is not UTF-8. */
async function readCells(
  input: TableInput,
  store: BlobStore | undefined,
  forced: TextEncodingName | undefined,
  cells: (header: readonly string[]) => CsvCellSink,
  jsonlHeader?: readonly string[],
): Promise<CellsRead> {
  let encoding = forced;
  for (;;) {
    const reader = new TableByteReader({ format: input.format, encoding, cells, jsonlHeader });
    if ('content' in input) reader.write(input.content);
    else {
      if (store === undefined) throw new Error('a blob source needs the blob store');
      await writeBlob(reader, input.blob, store);
    }
    const read = reader.endCells();
    if (read !== undefined) return read;
    encoding = reader.restartWith;
  }
}

/** readCells of an input an earlier pass found to be CSV or JSON Lines (streamed as cells). */
async function readCsvCells(
  ...pass: Parameters<typeof readCells>
): Promise<Extract<CellsRead, { kind: 'cells' }>> {
  const read = await readCells(...pass);
  if (read.kind !== 'cells')
    throw new Error('profileTableSource: the input changed between passes');
  return read;
}

/**
 * The data rows of a CSV input counted on its way in (TableInput.csvRows), or counted here from
 * bytes in memory; undefined when a pass must count them (other formats, UTF-16).
 */
function rowsHint(input: TableInput): number | undefined {
  if (input.format !== 'csv') return undefined;
  if (input.csvRows !== undefined) return input.csvRows;
  if (!('content' in input)) return undefined;
  const counter = new CsvRowCounter();
  counter.write(input.content);
  return counter.dataRows;
}

function forcedEncoding(input: TableInput): TextEncodingName | undefined {
  return input.encoding === undefined ? undefined : toTextEncodingName(input.encoding);
}
