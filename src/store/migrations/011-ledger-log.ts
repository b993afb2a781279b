// The Merkle log: sequenced entries, stored complete-subtree hashes for O(log n) proofs, signed
// checkpoints, the sequencer's state row, the exchange's checkpoint keys and members' certificates.
import type { Migration } from './migration.js';

export const ledgerLog011: Migration = {
  name: '011-ledger-log',
  async up(db) {
    await db.schema.createTable('ledger_entries', (table) => {
      /** 0-based position in the log; contiguous from 0. */
      table.bigInteger('leaf_index').primary();
      table.integer('outbox_id').notNullable().unique();
      /** Canonical JSON (RFC 8785); the leaf is its UTF-8 bytes. */
      table.text('entry_json').notNullable();
      /** SHA-256(0x00 ‖ entry), 32 bytes. */
      table.binary('leaf_hash').notNullable();
      table.bigInteger('sequenced_at_ms').notNullable();
      /** GET /ledger/proof/inclusion?hash= looks entries up by leaf hash. */
      table.index(['leaf_hash']);
    });
    await db.schema.createTable('ledger_nodes', (table) => {
      /** Complete subtree of leaves [node_index·2^level, (node_index+1)·2^level), level >= 1. */
      table.integer('level').notNullable();
      table.bigInteger('node_index').notNullable();
      table.binary('hash').notNullable();
      table.primary(['level', 'node_index']);
    });
    await db.schema.createTable('ledger_checkpoints', (table) => {
      table.bigInteger('tree_size').primary();
      table.binary('root_hash').notNullable();
      /** The signed note exactly as served (C2SP tlog-checkpoint). */
      table.text('note').notNullable();
      table.bigInteger('signed_at_ms').notNullable();
    });
    await db.schema.createTable('ledger_state', (table) => {
      /** Always 1: the row every sequencer locks, so one batch at a time extends the log. */
      table.integer('id').primary();
      table.bigInteger('tree_size').notNullable();
      table.bigInteger('updated_at_ms').notNullable();
    });
    await db('ledger_state').insert({ id: 1, tree_size: 0, updated_at_ms: 0 });
    await db.schema.createTable('ledger_keys', (table) => {
      /** Hex SHA-256 of the key's SubjectPublicKeyInfo: also the name of its files under DATA_DIR. */
      table.string('fingerprint', 64).primary();
      /** Hex signed-note key id (4 bytes). */
      table.string('note_key_id', 8).notNullable();
      table.string('key_name', 200).notNullable();
      table.binary('public_key').notNullable();
      table.text('certificate_pem').notNullable();
      /** active: signs checkpoints; retiring: cosigns until its successor's rotation is sealed; retired. */
      table.string('status', 16).notNullable();
      table.bigInteger('created_at_ms').notNullable();
      table.bigInteger('retired_at_ms').nullable();
    });
    await db.schema.createTable('ledger_member_certificates', (table) => {
      /** Hex serial number of the certificate the exchange issued. */
      table.string('serial', 40).primary();
      table.string('organization_id', 64).notNullable();
      table.text('certificate_pem').notNullable();
      /** Hex SHA-256 of the DER certificate: what ledger entries cite. */
      table.string('certificate_sha256', 64).notNullable().unique();
      table.bigInteger('issued_at_ms').notNullable();
      table.bigInteger('not_after_ms').notNullable();
      table.bigInteger('revoked_at_ms').nullable();
      table.index(['organization_id']);
    });
  },
  async down(db) {
    for (const table of [
      'ledger_member_certificates',
      'ledger_keys',
      'ledger_state',
      'ledger_checkpoints',
      'ledger_nodes',
      'ledger_entries',
    ]) {
      await db.schema.dropTable(table);
    }
  },
};
