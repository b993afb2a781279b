// Serializes a table in chunks (CSV, JSON Lines, Arrow IPC stream) so a download never builds one huge string.
import type { ColumnTable } from 'arquero';
import { encodeTableChunks, type TableFormat } from '../../core/table/index.js';

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
  for (const bytes of encodeTableChunks(table, format, {
    arrowFormat: 'stream',
    sliceRows: ROWS_PER_CHUNK,
  })) {
    // Arrow IPC comes as one buffer (arquero encodes all record batches at once): send it in slices.
    for (let offset = 0; offset < bytes.length; offset += ARROW_CHUNK_BYTES)
      yield bytes.subarray(offset, offset + ARROW_CHUNK_BYTES);
  }
}
