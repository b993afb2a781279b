// Organizations: the enterprises, government departments and public-service companies on the exchange.
import type { Migration } from './migration.js';

export const organizations001: Migration = {
  name: '001-organizations',
  async up(db) {
    await db.schema.createTable('organizations', (table) => {
      table.string('id', 64).primary();
      table.string('name', 200).notNullable();
      /** Unified social credit code (GB 32100), validated by the service before insert. */
      table.string('uscc', 18).notNullable().unique();
      /** enterprise | government | public-service */
      table.string('kind', 32).notNullable();
      table.bigInteger('created_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('organizations');
  },
};
