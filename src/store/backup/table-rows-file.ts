// The file format of a logical database copy: JSON Lines, a header line per table, then its rows.
//
//   {"table":"organizations","columns":["id","name",…]}
//   ["org_1","Example",…]
//   {"table":"members",…}
//
// Values are JSON as the driver returns them; binary values (bytea) are {"base64":"…"}.
import { BackupError } from '../errors.js';

export interface TableHeader {
  readonly table: string;
  readonly columns: readonly string[];
}

export type DumpLine =
  | { readonly kind: 'header'; readonly header: TableHeader }
  | { readonly kind: 'row'; readonly values: unknown[] };

export function encodeHeader(header: TableHeader): string {
  return JSON.stringify({ table: header.table, columns: header.columns });
}

export function encodeRow(values: readonly unknown[]): string {
  return JSON.stringify(
    values.map((value) => (Buffer.isBuffer(value) ? { base64: value.toString('base64') } : value)),
  );
}

/** Parses one line; a line that is neither a header nor a row is reported with its number. */
export function decodeLine(line: string, lineNumber: number, file: string): DumpLine {
  const unreadable = (reason: string) =>
    new BackupError('backup_unreadable', `${file}: line ${lineNumber} ${reason}`, {
      details: { file, line: lineNumber },
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw unreadable('is not JSON');
  }
  if (Array.isArray(parsed)) {
    return {
      kind: 'row',
      values: parsed.map((value: unknown) =>
        typeof value === 'object' && value !== null && 'base64' in value
          ? Buffer.from(String((value as { base64: unknown }).base64), 'base64')
          : value,
      ),
    };
  }
  const header = parsed as Partial<TableHeader> | null;
  if (
    header === null ||
    typeof header.table !== 'string' ||
    !Array.isArray(header.columns) ||
    !header.columns.every((column) => typeof column === 'string')
  ) {
    throw unreadable('is neither a table header nor a row');
  }
  return { kind: 'header', header: { table: header.table, columns: header.columns } };
}
