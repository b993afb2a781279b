// Console sessions: an API key exchanged once for an HttpOnly cookie; only the token's hash is kept.
import type { Migration } from './migration.js';

export const consoleSessions060: Migration = {
  name: '060-console-sessions',
  async up(db) {
    await db.schema.createTable('console_sessions', (table) => {
      /** Hex SHA-256 of the session token the cookie carries. */
      table.string('token_hash', 64).primary();
      table.string('api_key_id', 64).notNullable().references('id').inTable('api_keys');
      table.string('member_id', 64).notNullable().references('id').inTable('members');
      /** Synchronizer token every console form must echo (CSRF). */
      table.string('csrf_token', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('expires_at_ms').notNullable();
      table.bigInteger('ended_at_ms').nullable();
      table.index(['member_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('console_sessions');
  },
};
