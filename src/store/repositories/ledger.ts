// Rows of the Merkle log: entries, stored subtree hashes, checkpoints and the sequencer state row.
import type { Queryable } from '../db.js';
import { isPostgres, returnedIds } from '../db.js';

export interface LedgerEntryRow {
  readonly leafIndex: number;
  readonly outboxId: number;
  readonly entryJson: string;
  readonly leafHash: Uint8Array;
  readonly sequencedAtMs: number;
}

export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
  readonly signedAtMs: number;
}

export interface PendingOutboxRow {
  readonly id: number;
  readonly entryJson: string;
}

/** The indexed look-up key of a leaf hash (migration 012): its first 6 bytes as an integer. */
export function leafHashPrefix(leafHash: Uint8Array): number {
  return toBuffer(leafHash).readUIntBE(0, 6);
}

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK_ROWS = 400;

const toBytes = (value: Buffer | Uint8Array): Uint8Array => value;
const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Locks the state row (PostgreSQL: FOR UPDATE) so concurrent sequencers extend the log one at a time. */
export async function lockLedgerState(trx: Queryable): Promise<number> {
  const query = trx('ledger_state').select('tree_size').where({ id: 1 });
  const row = (await (isPostgres(trx) ? query.forUpdate() : query).first()) as
    { tree_size: number } | undefined;
  return Number(row?.tree_size ?? 0);
}

export async function updateLedgerState(
  trx: Queryable,
  treeSize: number,
  atMs: number,
): Promise<void> {
  await trx('ledger_state').where({ id: 1 }).update({ tree_size: treeSize, updated_at_ms: atMs });
}

/** Outbox events not yet in the log, oldest first. */
export async function selectPendingOutbox(
  db: Queryable,
  limit: number,
): Promise<PendingOutboxRow[]> {
  const rows = (await db('ledger_outbox')
    .select('id', 'entry_json')
    .whereNull('leaf_index')
    .orderBy('id')
    .limit(limit)) as { id: number; entry_json: string }[];
  return rows.map((row) => ({ id: Number(row.id), entryJson: row.entry_json }));
}

/** Appends one event to the outbox; returns its id (the order in which the sequencer takes it). */
export interface OutboxEventToInsert {
  readonly kind: string;
  readonly entryJson: string;
  readonly recordedAtMs: number;
}

export async function insertOutboxEvent(
  trx: Queryable,
  event: OutboxEventToInsert,
): Promise<number> {
  return (await insertOutboxEvents(trx, [event]))[0];
}

/** Inserts several outbox events in one statement; returns their ids in the order given. */
export async function insertOutboxEvents(
  trx: Queryable,
  events: readonly OutboxEventToInsert[],
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = (await trx('ledger_outbox')
    .insert(
      events.map((event) => ({
        kind: event.kind,
        entry_json: event.entryJson,
        recorded_at_ms: event.recordedAtMs,
      })),
    )
    .returning('id')) as unknown[];
  return returnedIds(rows);
}

/** Whether outbox event `id` exists (sequenced or not). */
export async function outboxEventExists(db: Queryable, id: number): Promise<boolean> {
  return (await db('ledger_outbox').where({ id }).first()) !== undefined;
}

export async function countPendingOutbox(db: Queryable): Promise<number> {
  const row = (await db('ledger_outbox').whereNull('leaf_index').count({ n: '*' }).first()) as {
    n: number | string;
  };
  return Number(row.n);
}

export async function insertEntries(
  trx: Queryable,
  rows: readonly LedgerEntryRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await trx('ledger_entries').insert(
      rows.slice(i, i + INSERT_CHUNK_ROWS).map((row) => ({
        leaf_index: row.leafIndex,
        outbox_id: row.outboxId,
        entry_json: row.entryJson,
        leaf_hash: toBuffer(row.leafHash),
        leaf_hash_prefix: leafHashPrefix(row.leafHash),
        sequenced_at_ms: row.sequencedAtMs,
      })),
    );
  }
}

export async function insertNodes(trx: Queryable, nodes: readonly StoredNode[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += INSERT_CHUNK_ROWS) {
    await trx('ledger_nodes').insert(
      nodes
        .slice(i, i + INSERT_CHUNK_ROWS)
        .map((node) => ({ level: node.level, node_index: node.index, hash: toBuffer(node.hash) })),
    );
  }
}

/** Copies each sequenced entry's leaf index back to its outbox row, in one statement. */
export async function markOutboxSequenced(
  trx: Queryable,
  outboxIds: readonly number[],
): Promise<void> {
  await trx('ledger_outbox')
    .whereIn('id', outboxIds)
    .update({
      leaf_index: trx('ledger_entries')
        .select('leaf_index')
        .where('outbox_id', trx.ref('ledger_outbox.id')),
    });
}

export async function insertCheckpoint(trx: Queryable, row: CheckpointRow): Promise<void> {
  await trx('ledger_checkpoints').insert({
    tree_size: row.treeSize,
    root_hash: toBuffer(row.rootHash),
    note: row.note,
    signed_at_ms: row.signedAtMs,
  });
}

/** Hashes of the given complete subtrees: level 0 from the entries' leaf hashes, others from nodes. */
export async function selectSubtreeHashes(
  db: Queryable,
  nodes: readonly { level: number; index: number }[],
): Promise<StoredNode[]> {
  const leaves = nodes.filter((node) => node.level === 0).map((node) => node.index);
  const inner = nodes.filter((node) => node.level > 0).map((node) => [node.level, node.index]);
  if (leaves.length === 0 && inner.length === 0) return [];
  // One round trip (a proof is latency-bound): leaves from the entries, inner nodes from ledger_nodes;
  // unwrapped UNION ALL members, as SQLite refuses parenthesized ones.
  const leafQuery = db('ledger_entries')
    .select(db.raw('0 as level'), 'leaf_index as node_index', 'leaf_hash as hash')
    .whereIn('leaf_index', leaves.length > 0 ? leaves : [-1]);
  const query =
    inner.length > 0
      ? leafQuery.unionAll(
          db('ledger_nodes')
            .select('level', 'node_index', 'hash')
            .whereIn(['level', 'node_index'], inner),
          false,
        )
      : leafQuery;
  const rows = (await query) as { level: number; node_index: number; hash: Buffer }[];
  return rows.map((row) => ({
    level: Number(row.level),
    index: Number(row.node_index),
    hash: toBytes(row.hash),
  }));
}

const entryColumns = [
  'leaf_index',
  'outbox_id',
  'entry_json',
  'leaf_hash',
  'sequenced_at_ms',
] as const;
type EntryRecord = {
  leaf_index: number;
  outbox_id: number;
  entry_json: string;
  leaf_hash: Buffer;
  sequenced_at_ms: number;
};
const toEntry = (row: EntryRecord): LedgerEntryRow => ({
  leafIndex: Number(row.leaf_index),
  outboxId: Number(row.outbox_id),
  entryJson: row.entry_json,
  leafHash: toBytes(row.leaf_hash),
  sequencedAtMs: Number(row.sequenced_at_ms),
});

/** Entries [start, end) in index order. */
export async function selectEntries(
  db: Queryable,
  start: number,
  end: number,
): Promise<LedgerEntryRow[]> {
  const rows = (await db('ledger_entries')
    .select(...entryColumns)
    .where('leaf_index', '>=', start)
    .andWhere('leaf_index', '<', end)
    .orderBy('leaf_index')) as EntryRecord[];
  return rows.map(toEntry);
}

/** Up to `limit` entries with index above `afterIndex`, in index order (keyset pagination). */
export async function selectEntriesAfter(
  db: Queryable,
  afterIndex: number,
  limit: number,
): Promise<LedgerEntryRow[]> {
  const rows = (await db('ledger_entries')
    .select(...entryColumns)
    .where('leaf_index', '>', afterIndex)
    .orderBy('leaf_index')
    .limit(limit)) as EntryRecord[];
  return rows.map(toEntry);
}

export async function selectEntryByOutboxId(
  db: Queryable,
  outboxId: number,
): Promise<LedgerEntryRow | undefined> {
  const row = (await db('ledger_entries')
    .select(...entryColumns)
    .where({ outbox_id: outboxId })
    .first()) as EntryRecord | undefined;
  return row && toEntry(row);
}

export async function selectEntryByLeafHash(
  db: Queryable,
  leafHash: Uint8Array,
): Promise<LedgerEntryRow | undefined> {
  const row = (await db('ledger_entries')
    .select(...entryColumns)
    .where({ leaf_hash_prefix: leafHashPrefix(leafHash), leaf_hash: toBuffer(leafHash) })
    .orderBy('leaf_index')
    .first()) as EntryRecord | undefined;
  return row && toEntry(row);
}

export async function countEntries(db: Queryable): Promise<number> {
  const row = (await db('ledger_entries').count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

/** Highest leaf index any outbox row claims (truncation check at start); -1 when none. */
export async function maxOutboxLeafIndex(db: Queryable): Promise<number> {
  const row = (await db('ledger_outbox').max({ m: 'leaf_index' }).first()) as {
    m: number | string | null;
  };
  return row.m === null ? -1 : Number(row.m);
}

type CheckpointRecord = {
  tree_size: number;
  root_hash: Buffer;
  note: string;
  signed_at_ms: number;
};
const toCheckpoint = (row: CheckpointRecord): CheckpointRow => ({
  treeSize: Number(row.tree_size),
  rootHash: toBytes(row.root_hash),
  note: row.note,
  signedAtMs: Number(row.signed_at_ms),
});

export async function selectLatestCheckpoint(db: Queryable): Promise<CheckpointRow | undefined> {
  const row = (await db('ledger_checkpoints').select('*').orderBy('tree_size', 'desc').first()) as
    CheckpointRecord | undefined;
  return row && toCheckpoint(row);
}

/** The first checkpoint that covers `leafIndex` (the one signed with its batch). */
export async function selectCheckpointCovering(
  db: Queryable,
  leafIndex: number,
): Promise<CheckpointRow | undefined> {
  const row = (await db('ledger_checkpoints')
    .select('*')
    .where('tree_size', '>', leafIndex)
    .orderBy('tree_size')
    .first()) as CheckpointRecord | undefined;
  return row && toCheckpoint(row);
}

export async function selectCheckpointAtSize(
  db: Queryable,
  treeSize: number,
): Promise<CheckpointRow | undefined> {
  const row = (await db('ledger_checkpoints')
    .select('*')
    .where({ tree_size: treeSize })
    .first()) as CheckpointRecord | undefined;
  return row && toCheckpoint(row);
}

/** Every checkpoint, smallest tree first (start check and export). */
export async function selectAllCheckpoints(db: Queryable): Promise<CheckpointRow[]> {
  const rows = (await db('ledger_checkpoints')
    .select('*')
    .orderBy('tree_size')) as CheckpointRecord[];
  return rows.map(toCheckpoint);
}

/** Outbox events of `kinds` not yet in the log, oldest first (the reconciliation counts them as entries). */
export async function selectPendingOutboxOfKinds(
  db: Queryable,
  kinds: readonly string[],
): Promise<PendingOutboxRow[]> {
  const rows = (await db('ledger_outbox')
    .select('id', 'entry_json')
    .whereNull('leaf_index')
    .whereIn('kind', [...kinds])
    .orderBy('id')) as { id: number; entry_json: string }[];
  return rows.map((row) => ({ id: Number(row.id), entryJson: row.entry_json }));
}

/** How many outbox events (sequenced or not) each of `kinds` has. */
export async function countOutboxByKind(
  db: Queryable,
  kinds: readonly string[],
): Promise<Map<string, number>> {
  const rows = (await db('ledger_outbox')
    .select('kind')
    .count({ n: '*' })
    .whereIn('kind', [...kinds])
    .groupBy('kind')) as { kind: string; n: number | string }[];
  return new Map(rows.map((row) => [row.kind, Number(row.n)]));
}

/** Up to `limit` checkpoints above `treeSize`, smallest first (what a witness has not cosigned). */
export async function selectCheckpointsAbove(
  db: Queryable,
  treeSize: number,
  limit: number,
): Promise<CheckpointRow[]> {
  const rows = (await db('ledger_checkpoints')
    .select('*')
    .where('tree_size', '>', treeSize)
    .orderBy('tree_size')
    .limit(limit)) as CheckpointRecord[];
  return rows.map(toCheckpoint);
}

/** The note of the checkpoint at `treeSize`, locked (PostgreSQL) until the transaction ends. */
export async function selectCheckpointNoteForUpdate(
  trx: Queryable,
  treeSize: number,
): Promise<string | undefined> {
  const query = trx('ledger_checkpoints').select('note').where({ tree_size: treeSize });
  const row = (await (isPostgres(trx) ? query.forUpdate() : query).first()) as
    { note: string } | undefined;
  return row?.note;
}

/** Replaces a checkpoint's note (the same signed text with more signature lines). */
export async function updateCheckpointNote(
  trx: Queryable,
  treeSize: number,
  note: string,
): Promise<void> {
  await trx('ledger_checkpoints').where({ tree_size: treeSize }).update({ note });
}
