// Loads a logical copy (postgres-export.ts) into an empty, migrated PostgreSQL schema in one
// transaction, then moves every serial sequence past the ids it restored.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Database, Transaction } from '../db.js';
import { BackupError } from '../errors.js';
import { tablesInDependencyOrder } from './postgres-tables.js';
import { decodeLine, type TableHeader } from './table-rows-file.js';

const INSERT_ROWS = 500;

export interface ImportedTable {
  readonly table: string;
  readonly rows: number;
}

async function insertBatch(
  trx: Transaction,
  header: TableHeader,
  batch: unknown[][],
): Promise<void> {
  if (batch.length === 0) return;
  await trx(header.table).insert(
    batch.map((values) => Object.fromEntries(header.columns.map((c, i) => [c, values[i]]))),
  );
}

/** Sets each serial column's sequence to continue after the largest id restored. */
async function advanceSequences(trx: Transaction): Promise<void> {
  const serials = (
    (await trx.raw(
      `select table_name as "table", column_name as "column",
              pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
         from information_schema.columns
        where table_schema = current_schema() and column_default like 'nextval(%'`,
    )) as { rows: { table: string; column: string; sequence: string | null }[] }
  ).rows;
  for (const serial of serials) {
    if (serial.sequence === null) continue;
    await trx.raw(`select setval(?, coalesce((select max(??) from ??), 0) + 1, false)`, [
      serial.sequence,
      serial.column,
      serial.table,
    ]);
  }
}

/**
 * Inserts every row of the file at `path` into the tables it names; all or nothing. The tables
 * must exist (a freshly migrated schema): rows its migrations seeded (singletons such as the
 * ledger state) are replaced by the backup's. The file's order (parents first) satisfies foreign keys.
 */
export async function importPostgres(db: Database, path: string): Promise<ImportedTable[]> {
  return db.transaction(async (trx) => {
    for (const table of (await tablesInDependencyOrder(trx)).reverse()) await trx(table).delete();
    const counts: ImportedTable[] = [];
    let header: TableHeader | undefined;
    let batch: unknown[][] = [];
    let rows = 0;
    let lineNumber = 0;
    const finishTable = async () => {
      if (header === undefined) return;
      await insertBatch(trx, header, batch);
      counts.push({ table: header.table, rows });
    };
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber++;
      if (line.length === 0) continue;
      const decoded = decodeLine(line, lineNumber, path);
      if (decoded.kind === 'header') {
        await finishTable();
        header = decoded.header;
        batch = [];
        rows = 0;
        continue;
      }
      if (header === undefined)
        throw new BackupError(
          'backup_unreadable',
          `${path}: line ${lineNumber} is a row before any table`,
        );
      batch.push(decoded.values);
      rows++;
      if (batch.length >= INSERT_ROWS) {
        await insertBatch(trx, header, batch);
        batch = [];
      }
    }
    await finishTable();
    await advanceSequences(trx);
    return counts;
  });
}
