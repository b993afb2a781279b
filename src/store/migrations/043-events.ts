// The per-organization events feed (GET /api/v1/events?after=<cursor>) and webhook subscriptions and deliveries.
import type { Migration } from './migration.js';

export const events043: Migration = {
  name: '043-events',
  async up(db) {
    await db.schema.createTable('events', (table) => {
      /** The cursor: strictly increasing. */
      table.increments('id').primary();
      table.string('organization_id', 64).notNullable();
      table.string('kind', 64).notNullable();
      table.string('subject_id', 64).notNullable();
      /** Identifiers, states and reasons only; never data values. */
      table.text('payload_json').notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.index(['organization_id', 'id']);
    });
    await db.schema.createTable('webhook_subscriptions', (table) => {
      table.string('id', 64).primary();
      table.string('organization_id', 64).notNullable().index();
      table.text('url').notNullable();
      /** HMAC-SHA256 key (hex), shown once at creation. */
      table.string('secret', 64).notNullable();
      /** active | disabled */
      table.string('state', 16).notNullable();
      table.string('created_by', 64).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
    await db.schema.createTable('webhook_deliveries', (table) => {
      table.increments('id').primary();
      table
        .string('subscription_id', 64)
        .notNullable()
        .references('id')
        .inTable('webhook_subscriptions');
      table.integer('event_id').notNullable().references('id').inTable('events');
      /** pending | delivered | failed (after the last retry) */
      table.string('state', 16).notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.bigInteger('next_attempt_at_ms').notNullable();
      table.integer('last_status_code').nullable();
      table.text('last_error').nullable();
      table.bigInteger('delivered_at_ms').nullable();
      table.bigInteger('created_at_ms').notNullable();
      table.unique(['subscription_id', 'event_id']);
      table.index(['state', 'next_attempt_at_ms']);
    });
    await db.schema.createTable('webhook_attempts', (table) => {
      table.increments('id').primary();
      table.integer('delivery_id').notNullable().references('id').inTable('webhook_deliveries');
      table.integer('attempt').notNullable();
      table.integer('status_code').nullable();
      table.text('error').nullable();
      table.integer('duration_ms').notNullable();
      table.bigInteger('at_ms').notNullable();
      table.index(['delivery_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('webhook_attempts');
    await db.schema.dropTable('webhook_deliveries');
    await db.schema.dropTable('webhook_subscriptions');
    await db.schema.dropTable('events');
  },
};
