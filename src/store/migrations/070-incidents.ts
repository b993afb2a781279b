// Leak incidents (issue 19): a suspected leaked copy of a listing, its attribution to a trade, the
// suspension of the buyer's entitlements and the resolution; and each listing's fingerprint key.
import type { Migration } from './migration.js';

export const incidents070: Migration = {
  name: '070-incidents',
  async up(db) {
    await db.schema.createTable('incidents', (table) => {
      table.string('id', 64).primary();
      table.string('listing_id', 64).notNullable();
      table.string('provider_organization_id', 64).notNullable();
      table.string('filed_by', 64).notNullable();
      table.string('filed_by_organization_id', 64).notNullable();
      /** `provider` (the listing's own) or `authority` (an exchange admin). */
      table.string('filed_as', 16).notNullable();
      table.string('state', 16).notNullable();
      table.text('description').notNullable();
      /** The leaked copy as uploaded, kept encrypted in the blob store (raw). */
      table.string('leaked_sha256', 64).notNullable();
      table.bigInteger('leaked_size_bytes').notNullable();
      table.string('leaked_format', 16).notNullable();
      table.string('leaked_filename', 255).nullable();
      /** The attribution (verdict, ranking, evidence) as JSON, once run. */
      table.text('attribution_json').nullable();
      table.string('attributed_trade_id', 64).nullable();
      table.string('attributed_buyer_organization_id', 64).nullable();
      table.bigInteger('attributed_at_ms').nullable();
      table.text('suspended_entitlements_json').nullable();
      table.bigInteger('suspended_at_ms').nullable();
      table.string('resolution', 32).nullable();
      table.text('resolution_note').nullable();
      table.string('closed_by', 64).nullable();
      table.bigInteger('closed_at_ms').nullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('updated_at_ms').notNullable();
      table.index(['provider_organization_id', 'id']);
      table.index(['attributed_buyer_organization_id', 'id']);
      table.index(['listing_id']);
    });
    await db.schema.createTable('listing_fingerprint_keys', (table) => {
      table.string('listing_id', 64).primary();
      /** The listing's key for planning in-value fingerprints, sealed under the master key. */
      table.text('sealed_key').notNullable();
      table.bigInteger('created_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('listing_fingerprint_keys');
    await db.schema.dropTable('incidents');
  },
};
