// Webhook secrets and fingerprint keys are stored sealed (store/secret-box.ts), longer than the
// 64 hex characters the columns were sized for. Sealing the values already stored needs the master
// key, which migrations do not hold: store/sealed-secrets.ts does it at start, under the key.
import { isPostgres } from '../db.js';
import type { Migration } from './migration.js';

export const sealedSecretColumns047: Migration = {
  name: '047-sealed-secret-columns',
  async up(db) {
    // SQLite enforces no varchar length; PostgreSQL does.
    if (!isPostgres(db)) return;
    await db.schema.alterTable('webhook_subscriptions', (table) => {
      table.text('secret').notNullable().alter();
    });
    await db.schema.alterTable('trades', (table) => {
      table.text('fingerprint_key').notNullable().alter();
    });
  },
  async down() {
    // Sealed values do not fit the narrower columns: there is no way back without the master key.
  },
};
