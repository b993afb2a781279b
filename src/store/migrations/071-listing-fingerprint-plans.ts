// Each listing's in-value fingerprint plan (issue 19): the pairs of release rows every copy withholds
// one member of, planned once per listing off the event loop and reused by every download, query
// and attribution; or why the listing's copies carry no in-value mark.
import type { Migration } from './migration.js';

export const listingFingerprintPlans071: Migration = {
  name: '071-listing-fingerprint-plans',
  async up(db) {
    await db.schema.createTable('listing_fingerprint_plans', (table) => {
      table.string('listing_id', 64).primary();
      /** The artifact the plan's row numbers refer to (its serving copy's ordinals). */
      table.string('artifact_sha256', 64).notNullable();
      table.string('scheme', 64).notNullable();
      /** `planned`, or `unmarked` (copies carry no in-value mark; `reason` says why). */
      table.string('state', 16).notNullable();
      table.string('reason', 64).nullable();
      table.string('digest', 64).nullable();
      table.bigInteger('row_count').notNullable();
      table.integer('slots').notNullable();
      /** The plan's summary and the worst-case privacy check, as JSON. */
      table.text('summary_json').nullable();
      /** The pairs (two little-endian uint32 arrays, base64), sealed under the master key. */
      table.text('sealed_pairs').nullable();
      table.bigInteger('created_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('listing_fingerprint_plans');
  },
};
