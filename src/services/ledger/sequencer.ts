// The sequencer: drains the ledger outbox into the Merkle log in batches, one transaction and one
// signed checkpoint per batch, so a crash leaves either a whole signed batch or none of it.
import {
  CompactRange,
  LedgerError,
  MapSubtreeHashSource,
  compactRangeOf,
  signCheckpoint,
  type LogHasher,
} from '../../core/ledger/index.js';
import type { Clock } from '../../core/clock.js';
import type { Database, Queryable } from '../../store/db.js';
import {
  insertCheckpoint,
  insertEntries,
  insertNodes,
  lockLedgerState,
  markOutboxSequenced,
  selectPendingOutbox,
  selectSubtreeHashes,
  updateLedgerState,
  type LedgerEntryRow,
  type StoredNode,
} from '../../store/repositories/ledger.js';
import { updateLedgerKeyStatus } from '../../store/repositories/ledger-keys.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { ExchangeIdentity } from './exchange-identity.js';

/** Fault injection for crash tests: called inside the batch transaction, before the checkpoint. */
export interface SequencerFaults {
  afterBatchWrite?(batch: { firstLeafIndex: number; size: number }): void | Promise<void>;
}

export interface SequencerOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly hasher: LogHasher;
  readonly identity: ExchangeIdentity;
  readonly origin: string;
  readonly batchMaxEntries: number;
  readonly batchMaxMs: number;
  /** Resolves when the stored log passed the start check; the sequencer never extends it before. */
  readonly ready: () => Promise<void>;
  readonly onError: (error: unknown) => void;
  readonly faults?: SequencerFaults;
}

export interface BatchOutcome {
  readonly appended: number;
  readonly treeSize: number;
}

/**
 * Appends pending outbox events to the log. `start()` polls every LEDGER_BATCH_MAX_MS (an event
 * waits at most that long); a full batch is followed at once by the next. Batches never overlap
 * within a process; across processes the locked state row serializes them (PostgreSQL).
 */
export class LedgerSequencer implements BackgroundWorker {
  readonly name = 'ledger-sequencer';
  /** The right edge of the log as this process last wrote it; reloaded when another writer moved on. */
  private range: CompactRange | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: SequencerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.drain()
        .catch((error: unknown) => this.options.onError(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.batchMaxMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tail.catch(() => undefined);
  }

  /** Runs batches until the outbox is empty; resolves with the number of entries appended. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const outcome = await this.runBatch();
      total += outcome.appended;
      if (outcome.appended < this.options.batchMaxEntries) return total;
    }
  }

  /** One batch, queued behind any batch already running in this process. */
  runBatch(): Promise<BatchOutcome> {
    const run = this.tail.catch(() => undefined).then(() => this.batch());
    this.tail = run;
    return run;
  }

  private async batch(): Promise<BatchOutcome> {
    await this.options.ready();
    const { db, clock, hasher } = this.options;
    try {
      return await db.transaction(async (trx) => {
        const treeSize = await lockLedgerState(trx);
        const pending = await selectPendingOutbox(trx, this.options.batchMaxEntries);
        if (pending.length === 0) return { appended: 0, treeSize };
        const range = await this.rangeAt(trx, treeSize);
        const nowMs = clock.nowMs();
        const entries: LedgerEntryRow[] = [];
        const nodes: StoredNode[] = [];
        let rotates = false;
        for (const row of pending) {
          const leafHash = hasher.hashLeaf(Buffer.from(row.entryJson, 'utf8'));
          entries.push({
            leafIndex: range.size,
            outboxId: row.id,
            entryJson: row.entryJson,
            leafHash,
            sequencedAtMs: nowMs,
          });
          for (const node of range.append(leafHash)) nodes.push(node);
          if (row.entryJson.includes('"kind":"key.rotated"')) rotates = true;
        }
        await insertEntries(trx, entries);
        await insertNodes(trx, nodes);
        await markOutboxSequenced(
          trx,
          pending.map((row) => row.id),
        );
        await this.options.faults?.afterBatchWrite?.({
          firstLeafIndex: treeSize,
          size: pending.length,
        });
        const rootHash = range.root();
        const signers = await this.options.identity.signers(trx);
        const note = signCheckpoint(
          { origin: this.options.origin, treeSize: range.size, rootHash, extensions: [] },
          signers,
        );
        await insertCheckpoint(trx, { treeSize: range.size, rootHash, note, signedAtMs: nowMs });
        await updateLedgerState(trx, range.size, nowMs);
        // The checkpoint just signed by old and new key seals the rotation: the old key retires.
        if (rotates) await updateLedgerKeyStatus(trx, 'retiring', 'retired', nowMs);
        return { appended: pending.length, treeSize: range.size };
      });
    } catch (error) {
      // The transaction rolled back: our in-memory right edge may be ahead of the database.
      this.range = undefined;
      throw error;
    }
  }

  /** The compact range at `treeSize`, from memory when current, else from the stored subtrees. */
  private async rangeAt(trx: Queryable, treeSize: number): Promise<CompactRange> {
    if (this.range !== undefined && this.range.size === treeSize) return this.range;
    const needed = compactRangeOf(treeSize);
    const source = new MapSubtreeHashSource();
    for (const node of await selectSubtreeHashes(trx, needed)) source.set(node, node.hash);
    const hashes = needed.map((node) => {
      const hash = source.subtreeHash(node);
      if (hash === undefined) {
        throw new LedgerError(
          'ledger_root_mismatch',
          `stored subtree ${node.level}:${node.index} is missing at size ${treeSize}`,
          {
            details: { treeSize, level: node.level, index: node.index },
          },
        );
      }
      return hash;
    });
    this.range = new CompactRange(this.options.hasher, treeSize, hashes);
    return this.range;
  }
}
