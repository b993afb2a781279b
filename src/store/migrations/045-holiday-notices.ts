// Holiday notices imported by an admin at run time (anonex admin calendar import, POST /admin/holiday-notices).
import type { Migration } from './migration.js';

/**
 * In the database, not a file: every gateway of a deployment reads the same table, so a notice
 * imported through one is in force on all of them without a restart, and a restart keeps it.
 */
export const holidayNotices045: Migration = {
  name: '045-holiday-notices',
  async up(db) {
    await db.schema.createTable('holiday_notices', (table) => {
      /** One notice per year; a later import of the same year replaces it (an erratum). */
      table.integer('year').primary();
      /** The validated notice, canonical JSON in the format of src/core/calendar/holidays/. */
      table.text('notice_json').notNullable();
      /** SHA-256 (hex) of notice_json: names the exact notice in audit rows and ledger entries. */
      table.string('notice_sha256', 64).notNullable();
      table.string('imported_by', 64).notNullable();
      table.bigInteger('imported_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('holiday_notices');
  },
};
