// Every content hash the database refers to: what blob garbage collection must keep. Read from
// every `*_sha256` column of every table, found by introspection, so a table or column added
// later protects its blobs without anyone remembering to list it here. A hash that names no blob
// (a policy's, a request's) costs nothing: it only keeps what is already kept.
import { isPostgres, type Queryable } from '../db.js';

const HASH_COLUMN = /_sha256$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `table.column` pairs whose column name ends in `_sha256`. */
async function hashColumns(db: Queryable): Promise<{ table: string; column: string }[]> {
  if (isPostgres(db)) {
    const rows = (await db('information_schema.columns')
      .select('table_name', 'column_name')
      .whereRaw('table_schema = current_schema()')) as {
      table_name: string;
      column_name: string;
    }[];
    return rows
      .filter((row) => HASH_COLUMN.test(row.column_name))
      .map((row) => ({ table: row.table_name, column: row.column_name }));
  }
  const tables = (await db('sqlite_master')
    .select('name')
    .where({ type: 'table' })
    .andWhereNot('name', 'like', 'sqlite_%')) as { name: string }[];
  const columns: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const info = (await db.raw('select name from pragma_table_info(?)', [name])) as {
      name: string;
    }[];
    for (const column of info)
      if (HASH_COLUMN.test(column.name)) columns.push({ table: name, column: column.name });
  }
  return columns;
}

/** Every distinct SHA-256 (lower-case hex) stored in any `*_sha256` column. */
export async function listReferencedHashes(db: Queryable): Promise<Set<string>> {
  const hashes = new Set<string>();
  for (const { table, column } of await hashColumns(db)) {
    const rows = (await db(table).distinct(column).whereNotNull(column)) as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      const value = String(row[column]);
      if (SHA256_HEX.test(value)) hashes.add(value);
    }
  }
  return hashes;
}
