// Looks entries up by leaf hash through an index on its first 6 bytes (an integer) instead of the
// 32-byte blob: random blob keys made that index the costliest part of every append (measured in
// BENCHMARKS.md, ledger: about 17,000 → 21,500 appends per CPU-second on SQLite).
import type { Migration } from './migration.js';

const BACKFILL_PAGE = 1000;

export const ledgerLeafHashPrefix012: Migration = {
  name: '012-ledger-leaf-hash-prefix',
  async up(db) {
    await db.schema.alterTable('ledger_entries', (table) => {
      /** First 6 bytes of leaf_hash, big-endian, as an integer (< 2^48): the look-up key. */
      table.bigInteger('leaf_hash_prefix').nullable();
    });
    for (let after = -1; ;) {
      const rows = (await db('ledger_entries')
        .select('leaf_index', 'leaf_hash')
        .where('leaf_index', '>', after)
        .orderBy('leaf_index')
        .limit(BACKFILL_PAGE)) as { leaf_index: number; leaf_hash: Buffer }[];
      for (const row of rows) {
        await db('ledger_entries')
          .where({ leaf_index: row.leaf_index })
          .update({ leaf_hash_prefix: Buffer.from(row.leaf_hash).readUIntBE(0, 6) });
      }
      if (rows.length < BACKFILL_PAGE) break;
      after = Number(rows[rows.length - 1].leaf_index);
    }
    await db.schema.alterTable('ledger_entries', (table) => {
      table.dropIndex(['leaf_hash']);
      table.index(['leaf_hash_prefix']);
    });
  },
  async down(db) {
    await db.schema.alterTable('ledger_entries', (table) => {
      table.dropIndex(['leaf_hash_prefix']);
      table.index(['leaf_hash']);
    });
    await db.schema.alterTable('ledger_entries', (table) => {
      table.dropColumn('leaf_hash_prefix');
    });
  },
};
