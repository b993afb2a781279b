// Reviews of anonymization reports (GB/T 42460 §6): the approval pins every hash it approved.
import type { Migration } from './migration.js';

export const reviews022: Migration = {
  name: '022-reviews',
  async up(db) {
    await db.schema.createTable('reviews', (table) => {
      table.string('id', 64).primary();
      /** The provider organization whose report is reviewed. */
      table.string('organization_id', 64).notNullable().index();
      table.string('job_id', 64).notNullable().references('id').inTable('anonymization_jobs');
      table.string('dataset_id', 64).notNullable().references('id').inTable('datasets');
      table.integer('dataset_revision').notNullable();
      table.string('report_sha256', 64).notNullable();
      table.string('artifact_sha256', 64).notNullable();
      table.string('policy_sha256', 64).notNullable();
      table.string('level', 4).notNullable();
      table.integer('gate_passed').notNullable();
      /** pending | approved | rejected | withdrawn */
      table.string('state', 16).notNullable().index();
      table.text('note').nullable();
      table.string('submitted_by', 64).notNullable();
      table.bigInteger('submitted_at_ms').notNullable();
      table.string('reviewer_member_id', 64).nullable();
      table.string('reviewer_organization_id', 64).nullable();
      table.text('reasons').nullable();
      table.text('checklist_json').nullable();
      table.bigInteger('decided_at_ms').nullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('reviews');
  },
};
