// Rows of the exchange's checkpoint keys (public parts only; private keys live under DATA_DIR).
import type { Queryable } from '../db.js';

export type LedgerKeyStatus = 'active' | 'retiring' | 'retired';

export interface LedgerKeyRow {
  readonly fingerprint: string;
  readonly noteKeyId: string;
  readonly keyName: string;
  readonly publicKey: Uint8Array;
  readonly certificatePem: string;
  readonly status: LedgerKeyStatus;
  readonly createdAtMs: number;
  readonly retiredAtMs: number | null;
}

type KeyRecord = {
  fingerprint: string;
  note_key_id: string;
  key_name: string;
  public_key: Buffer;
  certificate_pem: string;
  status: LedgerKeyStatus;
  created_at_ms: number;
  retired_at_ms: number | null;
};

const toKey = (row: KeyRecord): LedgerKeyRow => ({
  fingerprint: row.fingerprint,
  noteKeyId: row.note_key_id,
  keyName: row.key_name,
  publicKey: new Uint8Array(row.public_key),
  certificatePem: row.certificate_pem,
  status: row.status,
  createdAtMs: Number(row.created_at_ms),
  retiredAtMs: row.retired_at_ms === null ? null : Number(row.retired_at_ms),
});

/** Every key, newest first. */
export async function selectLedgerKeys(db: Queryable): Promise<LedgerKeyRow[]> {
  const rows = (await db('ledger_keys')
    .select('*')
    .orderBy('created_at_ms', 'desc')
    .orderBy('fingerprint')) as KeyRecord[];
  return rows.map(toKey);
}

export async function insertLedgerKey(db: Queryable, key: LedgerKeyRow): Promise<void> {
  await db('ledger_keys').insert({
    fingerprint: key.fingerprint,
    note_key_id: key.noteKeyId,
    key_name: key.keyName,
    public_key: Buffer.from(key.publicKey),
    certificate_pem: key.certificatePem,
    status: key.status,
    created_at_ms: key.createdAtMs,
    retired_at_ms: key.retiredAtMs,
  });
}

export async function updateLedgerKeyStatus(
  db: Queryable,
  fromStatus: LedgerKeyStatus,
  toStatus: LedgerKeyStatus,
  atMs: number,
): Promise<number> {
  return db('ledger_keys')
    .where({ status: fromStatus })
    .update({ status: toStatus, ...(toStatus === 'retired' ? { retired_at_ms: atMs } : {}) });
}
