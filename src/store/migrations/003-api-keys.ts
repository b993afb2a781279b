// API keys: only the SHA-256 of each key is stored; the key itself is shown once at creation.
import type { Migration } from './migration.js';

export const apiKeys003: Migration = {
  name: '003-api-keys',
  async up(db) {
    await db.schema.createTable('api_keys', (table) => {
      table.string('id', 64).primary();
      table.string('member_id', 64).notNullable().references('id').inTable('members');
      /** Hex SHA-256 of the whole key: what a presented bearer token is looked up by. */
      table.string('key_hash', 64).notNullable().unique();
      /** The visible start of the key (`anx_` + 8 characters) so people can tell keys apart. */
      table.string('prefix', 16).notNullable();
      table.string('label', 200).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('expires_at_ms').nullable();
      table.bigInteger('revoked_at_ms').nullable();
      table.bigInteger('last_used_at_ms').nullable();
      table.index(['member_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('api_keys');
  },
};
