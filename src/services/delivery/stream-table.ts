// Serializes a table in chunks (CSV, JSON Lines, Arrow IPC stream) so a download never builds one huge string.
import type { ColumnTable } from 'arquero';
import { toCsvText, toRawString, writeTable, type TableFormat } from '../../core/table/index.js';

export const MEDIA_TYPES: Readonly<Record<TableFormat, string>> = Object.freeze({
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
});

const ROWS_PER_CHUNK = 5_000;
const ARROW_CHUNK_BYTES = 64 * 1024;

/** Yields the table's bytes in `format`, chunk by chunk. CSV keeps the formula-injection guard. */
export async function* streamTable(
  table: ColumnTable,
  format: TableFormat,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const header = table.columnNames();
  if (format === 'arrow') {
    // Arrow IPC stream format: arquero encodes record batches in one buffer; send it in slices.
    const bytes = writeTable(table, 'arrow', { arrowFormat: 'stream' });
    for (let offset = 0; offset < bytes.length; offset += ARROW_CHUNK_BYTES) {
      yield bytes.subarray(offset, offset + ARROW_CHUNK_BYTES);
    }
    return;
  }
  const headerText = toCsvText(header, []);
  if (format === 'csv') yield encoder.encode(headerText);
  const rowCount = table.numRows();
  for (let start = 0; start < rowCount; start += ROWS_PER_CHUNK) {
    const chunk = table.slice(start, start + ROWS_PER_CHUNK).reify();
    if (format === 'jsonl') {
      yield writeTable(chunk, 'jsonl');
      continue;
    }
    const columns = header.map((name) => {
      const values = chunk.array(name) as ArrayLike<unknown>;
      const out = new Array<string>(values.length);
      for (let row = 0; row < values.length; row++) out[row] = toRawString(values[row]);
      return out;
    });
    yield encoder.encode(toCsvText(header, columns).slice(headerText.length));
  }
}
