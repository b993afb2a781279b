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
