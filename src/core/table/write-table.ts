// Serializes an arquero table to CSV (formula-guarded), JSON Lines or Arrow IPC bytes.
import { toArrowIPC, type ColumnTable } from 'arquero';
import { toCsvText, type CsvWriteOptions } from './csv-writer.js';
import { toRawString } from './dictionary-column.js';
import { toJsonlText } from './jsonl.js';
import type { TableFormat } from './read-table.js';

export interface WriteTableOptions extends CsvWriteOptions {
  /** Prefix a UTF-8 BOM to CSV so Excel on Chinese Windows opens it as UTF-8. Default false. */
  readonly bom?: boolean;
  /** Arrow IPC flavour; default `file` (random access, `ARROW1` magic). */
  readonly arrowFormat?: 'file' | 'stream';
}

/** Writes `table` in `format`. CSV and JSON Lines are UTF-8. */
export function writeTable(
  table: ColumnTable,
  format: TableFormat,
  options: WriteTableOptions = {},
): Uint8Array {
  const header = table.columnNames();
  if (format === 'arrow') return toArrowIPC(table, { format: options.arrowFormat ?? 'file' });
  if (format === 'jsonl')
    return new TextEncoder().encode(
      toJsonlText(
        header,
        header.map((name) => table.array(name) as ArrayLike<unknown>),
      ),
    );
  const columns = header.map((name) => {
    const values = table.array(name) as ArrayLike<unknown>;
    const out = new Array<string>(values.length);
    for (let row = 0; row < values.length; row++) out[row] = toRawString(values[row]);
    return out;
  });
  const text = toCsvText(header, columns, options);
  return new TextEncoder().encode(options.bom ? `\ufeff${text}` : text);
}
