// Trades and the entitlements they create, atomically; the idempotency key is a unique constraint.
import type { Migration } from './migration.js';

export const tradesEntitlements041: Migration = {
  name: '041-trades-entitlements',
  async up(db) {
    await db.schema.createTable('trades', (table) => {
      table.string('id', 64).primary();
      table.string('listing_id', 64).notNullable().index();
      table.integer('listing_revision').notNullable();
      table.string('provider_organization_id', 64).notNullable().index();
      table.string('buyer_organization_id', 64).notNullable().index();
      table.string('buyer_member_id', 64).notNullable();
      table.string('access_request_id', 64).nullable();
      table.bigInteger('price_fen').notNullable();
      table.string('artifact_sha256', 64).notNullable();
      table.string('report_sha256', 64).notNullable();
      table.string('licence_terms_sha256', 64).notNullable();
      table.string('listing_document_sha256', 64).notNullable();
      table.string('purpose', 100).notNullable();
      table.text('intended_use').notNullable();
      table.text('columns_json').notNullable();
      /** Secret per-trade key of the delivered copies' row order (hex); never leaves the server. */
      table.string('fingerprint_key', 64).notNullable();
      table.string('fingerprint_watermark', 16).notNullable();
      table.integer('ledger_outbox_id').nullable();
      /** `Idempotency-Key` header; repeats within the buyer organization return this trade. */
      table.string('idempotency_key', 200).nullable();
      /** SHA-256 of the canonical order request, to refuse a reused key with another body. */
      table.string('request_sha256', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.unique(['buyer_organization_id', 'idempotency_key']);
    });
    await db.schema.createTable('entitlements', (table) => {
      table.string('id', 64).primary();
      table.string('trade_id', 64).notNullable().unique().references('id').inTable('trades');
      table.string('listing_id', 64).notNullable().index();
      table.integer('listing_revision').notNullable();
      table.string('provider_organization_id', 64).notNullable().index();
      table.string('buyer_organization_id', 64).notNullable().index();
      table.string('buyer_member_id', 64).notNullable();
      table.string('purpose', 100).notNullable();
      table.text('columns_json').notNullable();
      table.bigInteger('starts_at_ms').notNullable();
      table.bigInteger('expires_at_ms').notNullable();
      /** active | revoked (expiry is computed from expires_at_ms, never stored) */
      table.string('state', 16).notNullable();
      table.bigInteger('revoked_at_ms').nullable();
      table.string('revoked_by', 64).nullable();
      table.text('revocation_reason').nullable();
      table.bigInteger('created_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('entitlements');
    await db.schema.dropTable('trades');
  },
};
