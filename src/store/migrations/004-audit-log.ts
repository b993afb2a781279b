// The audit log: one row per state-changing call, written in the same transaction as the change.
import type { Migration } from './migration.js';

export const auditLog004: Migration = {
  name: '004-audit-log',
  async up(db) {
    await db.schema.createTable('audit_log', (table) => {
      table.increments('id').primary();
      table.bigInteger('at_ms').notNullable();
      /** Member id of the actor, or `system:<name>` for the gateway itself. */
      table.string('actor', 64).notNullable();
      table.string('api_key_id', 64).nullable();
      /** The organization the action concerns (the actor's own, or the target's). */
      table.string('organization_id', 64).nullable();
      /** Dotted verb, e.g. `organization.created`, `api_key.revoked`. */
      table.string('action', 96).notNullable();
      /** Id of the object acted upon. */
      table.string('target', 128).notNullable();
      table.string('request_id', 128).nullable();
      /** JSON object of identifiers and figures; never data values or secrets. */
      table.text('details_json').notNullable();
      table.index(['organization_id', 'at_ms']);
      table.index(['actor', 'at_ms']);
      table.index(['action', 'at_ms']);
    });
  },
  async down(db) {
    await db.schema.dropTable('audit_log');
  },
};
