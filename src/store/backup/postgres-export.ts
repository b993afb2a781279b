// A consistent logical copy of a PostgreSQL schema with no pg_dump: every table read in one
// REPEATABLE READ, read-only transaction (one snapshot), streamed through cursors to a file.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../db.js';
import { tablesInDependencyOrder } from './postgres-tables.js';
import { encodeHeader, encodeRow } from './table-rows-file.js';

const FETCH_ROWS = 1000;

export interface ExportedTable {
  readonly table: string;
  readonly rows: number;
}

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

/**
 * Writes every table of the current schema (but the migrator's) to `path` (0600), parents before
 * children, as the database was at the start of the transaction whatever the gateways write
 * meanwhile. Returns the row count of each table.
 */
export async function exportPostgres(db: Database, path: string): Promise<ExportedTable[]> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    const exported = await db.transaction(
      async (trx) => {
        const tables = await tablesInDependencyOrder(trx);
        const counts: ExportedTable[] = [];
        for (const table of tables) {
          await trx.raw(`declare backup_rows no scroll cursor for select * from ?? order by 1`, [
            table,
          ]);
          let rows = 0;
          for (;;) {
            const batch = (await trx.raw(`fetch ${FETCH_ROWS} from backup_rows`)) as {
              rows: Record<string, unknown>[];
              fields: { name: string }[];
            };
            if (rows === 0) {
              const columns = batch.fields.map((field) => field.name);
              await writeLine(out, encodeHeader({ table, columns }));
            }
            for (const row of batch.rows) {
              await writeLine(out, encodeRow(Object.values(row)));
            }
            rows += batch.rows.length;
            if (batch.rows.length < FETCH_ROWS) break;
          }
          await trx.raw('close backup_rows');
          counts.push({ table, rows });
        }
        return counts;
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
    out.end();
    await once(out, 'finish');
    return exported;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
