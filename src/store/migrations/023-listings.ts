// Listings on the exchange: terms pinned by hash, lifecycle draft → published → suspended → retired.
import type { Migration } from './migration.js';

export const listings023: Migration = {
  name: '023-listings',
  async up(db) {
    await db.schema.createTable('listings', (table) => {
      table.string('id', 64).primary();
      table.string('organization_id', 64).notNullable().index();
      table.string('review_id', 64).notNullable().references('id').inTable('reviews');
      table.string('job_id', 64).notNullable();
      table.string('dataset_id', 64).notNullable().references('id').inTable('datasets');
      table.integer('dataset_revision').notNullable();
      /** Incremented by every edit of a draft; published terms never change under a revision. */
      table.integer('revision').notNullable();
      /** draft | published | suspended | retired | revoked */
      table.string('state', 16).notNullable().index();
      table.string('title_zh', 200).notNullable();
      table.string('title_en', 200).notNullable();
      table.text('description_zh').notNullable();
      table.text('description_en').notNullable();
      table.text('tags_json').notNullable();
      table.text('metadata_json').notNullable();
      /** Price in CNY fen (integer); 0 for free open data. */
      table.bigInteger('price_fen').notNullable();
      table.text('licence_terms').notNullable();
      table.string('licence_terms_sha256', 64).notNullable();
      table.text('permitted_purposes_json').notNullable();
      table.integer('access_duration_days').notNullable();
      table.text('preview_json').notNullable();
      table.string('artifact_sha256', 64).notNullable();
      table.string('artifact_format', 16).notNullable();
      table.string('report_sha256', 64).notNullable();
      table.string('policy_sha256', 64).notNullable();
      table.string('level', 4).notNullable();
      /** Denormalised Art. 10 fields for catalog filters. */
      table.string('category', 200).notNullable();
      table.string('security_grade', 16).notNullable();
      table.string('sharing_type', 16).notNullable();
      table.string('format', 16).notNullable();
      /** Lower-cased title, description and tags: what catalog full-text search matches. */
      table.text('search_text').notNullable();
      /** SHA-256 of the canonical listing document (terms and pinned hashes) of this revision. */
      table.string('document_sha256', 64).notNullable();
      table.text('state_reason').nullable();
      table.string('created_by', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('updated_at_ms').notNullable();
      table.bigInteger('published_at_ms').nullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('listings');
  },
};
