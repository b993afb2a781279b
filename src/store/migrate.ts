// Runs the migrations in order through knex's migrator with an in-code source (no file globbing,
// so the same list works from TypeScript under tsx and from the compiled dist/).
import type { Knex } from 'knex';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

class InCodeMigrationSource implements Knex.MigrationSource<Migration> {
  async getMigrations(): Promise<Migration[]> {
    return [...migrations];
  }
  getMigrationName(migration: Migration): string {
    return migration.name;
  }
  async getMigration(migration: Migration): Promise<Knex.Migration> {
    return { up: (db) => migration.up(db), down: (db) => migration.down(db) };
  }
}

const migrationConfig = (): Knex.MigratorConfig => ({
  migrationSource: new InCodeMigrationSource(),
  tableName: 'schema_migrations',
});

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig())) as [number, string[]];
  return applied;
}

/** True when every known migration has been applied (readiness check). */
export async function isFullyMigrated(db: Knex): Promise<boolean> {
  const [, pending] = (await db.migrate.list(migrationConfig())) as [unknown[], unknown[]];
  return pending.length === 0;
}

/** Names of the migrations applied to `db`, in the order they ran. */
export async function appliedMigrations(db: Knex): Promise<string[]> {
  const [completed] = (await db.migrate.list(migrationConfig())) as [{ name: string }[], unknown[]];
  return completed.map((migration) => migration.name);
}

/**
 * Applies pending migrations one at a time until exactly `names` are applied (a restore loads rows
 * into the schema they were read from, then migrates to latest). Requires `names` to be a prefix
 * of the known migrations (isKnownMigrationPrefix) extending those already applied.
 */
export async function migrateUpTo(db: Knex, names: readonly string[]): Promise<void> {
  let applied = await appliedMigrations(db);
  if (!isKnownMigrationPrefix(names) || applied.some((name, index) => names[index] !== name))
    throw new Error('migrateUpTo: want a known prefix extending the applied migrations');
  while (applied.length < names.length) {
    await db.migrate.up(migrationConfig());
    applied = await appliedMigrations(db);
  }
}

/** True when `names` are the first migrations this software knows, in its order. */
export function isKnownMigrationPrefix(names: readonly string[]): boolean {
  return names.every((name, index) => migrations[index]?.name === name);
}
