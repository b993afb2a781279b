// Every query and download of traded data, with its entitlement and purpose (seed Art. 18).
import type { Migration } from './migration.js';

export const dataAccessLog042: Migration = {
  name: '042-data-access-log',
  async up(db) {
    await db.schema.createTable('data_access_log', (table) => {
      table.increments('id').primary();
      table.string('entitlement_id', 64).notNullable().index();
      table.string('trade_id', 64).notNullable();
      table.string('listing_id', 64).notNullable();
      table.string('provider_organization_id', 64).notNullable();
      table.string('buyer_organization_id', 64).notNullable();
      table.string('member_id', 64).notNullable();
      table.string('purpose', 100).notNullable();
      /** query | download */
      table.string('kind', 16).notNullable();
      table.string('format', 16).nullable();
      /** SHA-256 of the canonical query (never the query values themselves in logs). */
      table.string('query_sha256', 64).nullable();
      table.integer('rows_delivered').notNullable();
      table.string('request_id', 128).nullable();
      table.bigInteger('at_ms').notNullable();
      table.index(['provider_organization_id', 'at_ms']);
      table.index(['buyer_organization_id', 'at_ms']);
    });
  },
  async down(db) {
    await db.schema.dropTable('data_access_log');
  },
};
