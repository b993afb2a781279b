// The ledger outbox: events appended in the same transaction as the state change they record.
// The sequencer drains it into the Merkle log in order, so no event is ever lost between the two.
import type { Migration } from './migration.js';

export const outbox010: Migration = {
  name: '010-ledger-outbox',
  async up(db) {
    await db.schema.createTable('ledger_outbox', (table) => {
      table.increments('id').primary();
      table.string('kind', 64).notNullable();
      /** Canonical JSON (RFC 8785) of the event body. */
      table.text('entry_json').notNullable();
      table.bigInteger('recorded_at_ms').notNullable();
      /** Set when the sequencer has placed the entry in the log. */
      table.bigInteger('leaf_index').nullable().unique();
    });
  },
  async down(db) {
    await db.schema.dropTable('ledger_outbox');
  },
};
