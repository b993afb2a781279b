// Datasets and their immutable revisions (seed Art. 10 catalog metadata, Art. 12 content hashes).
import type { Migration } from './migration.js';

export const datasets020: Migration = {
  name: '020-datasets',
  async up(db) {
    await db.schema.createTable('datasets', (table) => {
      table.string('id', 64).primary();
      table.string('organization_id', 64).notNullable().index();
      table.string('name', 200).notNullable();
      /** Current Art. 10 metadata (canonical JSON); each revision keeps its own snapshot. */
      table.text('metadata_json').notNullable();
      /** 0 until the first upload; revisions are numbered 1, 2, … and never rewritten. */
      table.integer('latest_revision').notNullable().defaultTo(0);
      table.string('created_by', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
    await db.schema.createTable('dataset_revisions', (table) => {
      table.string('dataset_id', 64).notNullable().references('id').inTable('datasets');
      table.integer('revision').notNullable();
      table.primary(['dataset_id', 'revision']);
      /** upload: new content; metadata: same content, new Art. 10 metadata. */
      table.string('kind', 16).notNullable();
      /** SHA-256 of the plaintext upload; the blob itself is stored encrypted (raw). */
      table.string('raw_sha256', 64).notNullable();
      table.bigInteger('size_bytes').notNullable();
      table.string('format', 16).notNullable();
      table.string('encoding', 32).nullable();
      table.string('filename', 255).nullable();
      table.text('metadata_json').notNullable();
      /** Per-column profile, detector findings and masked examples (never raw values). */
      table.text('profile_json').notNullable();
      table.string('created_by', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('dataset_revisions');
    await db.schema.dropTable('datasets');
  },
};
