// Access requests for conditional listings (seed Art. 17, 23): deadline in working days, reasons, disputes.
import type { Migration } from './migration.js';

export const accessRequests040: Migration = {
  name: '040-access-requests',
  async up(db) {
    await db.schema.createTable('access_requests', (table) => {
      table.string('id', 64).primary();
      table.string('listing_id', 64).notNullable().index();
      table.integer('listing_revision').notNullable();
      table.string('provider_organization_id', 64).notNullable().index();
      table.string('buyer_organization_id', 64).notNullable().index();
      table.string('buyer_member_id', 64).notNullable();
      /** Declared purpose (Art. 18): a code from the listing's permitted purposes, and free text. */
      table.string('purpose', 100).notNullable();
      table.text('intended_use').notNullable();
      table.integer('requested_duration_days').notNullable();
      table.text('columns_json').notNullable();
      /** pending | overdue | approved | refused | disputed | withdrawn */
      table.string('state', 16).notNullable().index();
      table.bigInteger('received_at_ms').notNullable();
      /** Exclusive: an answer before this instant is in time (end of the 2nd working day). */
      table.bigInteger('deadline_ms').notNullable().index();
      table.text('counted_working_days_json').notNullable();
      table.bigInteger('overdue_at_ms').nullable();
      table.bigInteger('decided_at_ms').nullable();
      table.string('decided_by', 64).nullable();
      /** provider | authority (an admin deciding an overdue request or a dispute) */
      table.string('decided_as', 16).nullable();
      table.integer('answered_late').notNullable().defaultTo(0);
      table.integer('approved_duration_days').nullable();
      table.text('approved_columns_json').nullable();
      table.string('refusal_reason_code', 64).nullable();
      table.text('refusal_reason').nullable();
      table.text('legal_basis').nullable();
      table.text('dispute_statement').nullable();
      table.bigInteger('disputed_at_ms').nullable();
      /** upheld | overturned */
      table.string('dispute_outcome', 16).nullable();
      table.text('dispute_decision_reason').nullable();
      table.string('dispute_decided_by', 64).nullable();
      table.bigInteger('dispute_decided_at_ms').nullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('access_requests');
  },
};
