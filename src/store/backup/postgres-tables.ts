// The tables of the current PostgreSQL schema in an order that satisfies their foreign keys.
import type { Queryable } from '../db.js';

/** Tables that belong to the migrator: a restore recreates them by migrating, never by copying. */
export const MIGRATION_TABLES: ReadonlySet<string> = new Set([
  'schema_migrations',
  'schema_migrations_lock',
]);

/**
 * Every base table of the current schema but the migrator's, each after the tables it references
 * (Kahn's algorithm; ties by name, so the order is stable). A reference cycle would leave tables
 * out: they are appended last by name, and a restore of such rows would then fail loudly.
 */
export async function tablesInDependencyOrder(db: Queryable): Promise<string[]> {
  const tables = (
    (await db.raw(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    )) as { rows: { name: string }[] }
  ).rows
    .map((row) => row.name)
    .filter((name) => !MIGRATION_TABLES.has(name))
    .sort();
  const references = (
    (await db.raw(
      `select distinct child.relname as child, parent.relname as parent
         from pg_constraint c
         join pg_class child on child.oid = c.conrelid
         join pg_class parent on parent.oid = c.confrelid
         join pg_namespace n on n.oid = child.relnamespace
        where c.contype = 'f' and n.nspname = current_schema()`,
    )) as { rows: { child: string; parent: string }[] }
  ).rows.filter((edge) => edge.child !== edge.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const pending = new Set(tables);
  for (let progress = true; progress && pending.size > 0;) {
    progress = false;
    for (const table of [...pending].sort()) {
      const ready = references.every(
        (edge) => edge.child !== table || placed.has(edge.parent) || !pending.has(edge.parent),
      );
      if (!ready) continue;
      ordered.push(table);
      placed.add(table);
      pending.delete(table);
      progress = true;
    }
  }
  return [...ordered, ...[...pending].sort()];
}
