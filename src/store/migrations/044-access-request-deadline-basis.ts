// Access-request deadlines say what they were counted from: the holiday notices, or the statutory holidays (provisional).
import type { Migration } from './migration.js';

export const accessRequestDeadlineBasis044: Migration = {
  name: '044-access-request-deadline-basis',
  async up(db) {
    await db.schema.alterTable('access_requests', (table) => {
      /**
       * holiday_notices | statutory_holidays (provisional: a year's notice was not loaded) |
       * kept_as_shown (a notice loaded later would have made it earlier; never earlier than shown).
       * Rows before this migration were all counted from notices.
       */
      table.string('deadline_basis', 24).notNullable().defaultTo('holiday_notices');
      /** JSON array of the years counted from the statutory holidays; [] when none. */
      table.text('deadline_statutory_years_json').notNullable().defaultTo('[]');
    });
  },
  async down(db) {
    await db.schema.alterTable('access_requests', (table) => {
      table.dropColumn('deadline_basis');
      table.dropColumn('deadline_statutory_years_json');
    });
  },
};
