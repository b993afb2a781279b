// Anonymization jobs: a policy run over one dataset revision, persisted so no job is lost on restart.
import type { Migration } from './migration.js';

export const anonymizationJobs021: Migration = {
  name: '021-anonymization-jobs',
  async up(db) {
    await db.schema.createTable('anonymization_jobs', (table) => {
      table.string('id', 64).primary();
      table.string('organization_id', 64).notNullable().index();
      table.string('dataset_id', 64).notNullable().references('id').inTable('datasets');
      table.integer('dataset_revision').notNullable();
      table.string('policy_name', 200).notNullable();
      table.text('policy_yaml').notNullable();
      table.string('policy_sha256', 64).notNullable();
      table.integer('seed').notNullable();
      /** queued | running | succeeded | failed | cancelled */
      table.string('state', 16).notNullable().index();
      table.integer('progress_pct').notNullable().defaultTo(0);
      table.string('phase', 32).nullable();
      table.text('failure_reason').nullable();
      table.integer('cancel_requested').notNullable().defaultTo(0);
      table.integer('attempts').notNullable().defaultTo(0);
      /** The worker holding the job and until when; an expired lease is recovered. */
      table.string('worker_id', 64).nullable();
      table.bigInteger('lease_expires_at_ms').nullable();
      table.string('artifact_sha256', 64).nullable();
      table.bigInteger('artifact_size_bytes').nullable();
      table.string('artifact_format', 16).nullable();
      table.string('report_sha256', 64).nullable();
      table.string('report_html_sha256', 64).nullable();
      /** GB/T 42460 identifiability level of the output (L1–L4) and whether the gate passed. */
      table.string('level', 4).nullable();
      table.integer('gate_passed').nullable();
      table.text('summary_json').nullable();
      table.string('created_by', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('started_at_ms').nullable();
      table.bigInteger('finished_at_ms').nullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('anonymization_jobs');
  },
};
