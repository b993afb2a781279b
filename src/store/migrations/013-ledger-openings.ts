// Openings of the committed fields of ledger events (docs/ledger-privacy.md): the public log holds
// salted commitments; the salts and values stay here, readable by the parties and auditors only.
import type { Migration } from './migration.js';

export const ledgerOpenings013: Migration = {
  name: '013-ledger-openings',
  async up(db) {
    await db.schema.createTable('ledger_openings', (table) => {
      /** The outbox event whose entry carries the commitments (its leaf index comes later). */
      table.integer('outbox_id').primary().references('id').inTable('ledger_outbox');
      /** JSON array of the organizations party to the event, who may read the openings. */
      table.text('party_organization_ids_json').notNullable();
      /** JSON object {field: {salt (base64), value}} (core/ledger/commitments.ts). */
      table.text('openings_json').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('ledger_openings');
  },
};
