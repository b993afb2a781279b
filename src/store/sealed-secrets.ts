// Which database columns hold sealed secrets, the binding each row's value is sealed to, and the
// start step that seals values an older version stored in plaintext (the keyed half of migration 047).
import type { Queryable } from './db.js';
import { SEALED_PREFIX, type SecretBox } from './secret-box.js';

interface SealedColumn {
  readonly table: string;
  readonly column: string;
}

const WEBHOOK_SECRET: SealedColumn = { table: 'webhook_subscriptions', column: 'secret' };
const FINGERPRINT_KEY: SealedColumn = { table: 'trades', column: 'fingerprint_key' };
const LISTING_FINGERPRINT_KEY: SealedColumn = {
  table: 'listing_fingerprint_keys',
  column: 'sealed_key',
};
const LISTING_FINGERPRINT_PLAN: SealedColumn = {
  table: 'listing_fingerprint_plans',
  column: 'sealed_pairs',
};
const SEALED_COLUMNS: readonly SealedColumn[] = [WEBHOOK_SECRET, FINGERPRINT_KEY];

const bindingOf = (column: SealedColumn, id: string) => `${column.table}.${column.column}:${id}`;

/** The binding of a webhook subscription's signing secret. */
export const webhookSecretBinding = (subscriptionId: string): string =>
  bindingOf(WEBHOOK_SECRET, subscriptionId);

/** The binding of a trade's fingerprint key (hex). */
export const fingerprintKeyBinding = (tradeId: string): string =>
  bindingOf(FINGERPRINT_KEY, tradeId);

/** The binding of a listing's in-value fingerprint key (hex); always written sealed. */
export const listingFingerprintKeyBinding = (listingId: string): string =>
  bindingOf(LISTING_FINGERPRINT_KEY, listingId);

/** The binding of a listing's fingerprint plan pairs (who withholds what); always written sealed. */
export const listingFingerprintPlanBinding = (listingId: string): string =>
  bindingOf(LISTING_FINGERPRINT_PLAN, listingId);

const PAGE_ROWS = 500;

/**
 * Seals every plaintext value of the sealed columns, a row at a time, each update conditional on the
 * value it read (two gateways starting together seal each row once). Returns how many it sealed.
 */
export async function sealPlaintextSecrets(db: Queryable, box: SecretBox): Promise<number> {
  let sealed = 0;
  for (const column of SEALED_COLUMNS) {
    for (let after = ''; ;) {
      const rows = (await db(column.table)
        .select('id', column.column)
        .where('id', '>', after)
        .whereNot(column.column, 'like', `${SEALED_PREFIX}%`)
        .orderBy('id')
        .limit(PAGE_ROWS)) as Record<string, string>[];
      for (const row of rows) {
        const plaintext = String(row[column.column]);
        const updated = await db(column.table)
          .where({ id: row.id, [column.column]: plaintext })
          .update({ [column.column]: box.seal(plaintext, bindingOf(column, String(row.id))) });
        sealed += Number(updated);
      }
      if (rows.length < PAGE_ROWS) break;
      after = String(rows[rows.length - 1].id);
    }
  }
  return sealed;
}
