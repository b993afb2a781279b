// The ledger's use cases: start check, sequencing, checkpoints, entries, proofs, receipts, export
// and key rotation. Reads are public (anyone may audit); rotation needs an admin.
import {
  ED25519_SPKI_PREFIX,
  MapSubtreeHashSource,
  consistencyProof,
  encodeBase64,
  exportCheckpointLine,
  exportEntryLine,
  exportHeaderLine,
  inclusionProof,
  nodesNeededForConsistencyProof,
  nodesNeededForInclusionProof,
  rfc9162Hasher,
  signCheckpoint,
  toReceiptJson,
  type AuditReport,
  type EntryOpenings,
  type LogHasher,
  type NoteVerifier,
  type ReceiptJson,
} from '../../core/ledger/index.js';
import type { Queryable } from '../../store/db.js';
import {
  countPendingOutbox,
  selectCheckpointAtSize,
  selectCheckpointCovering,
  selectEntries,
  selectEntriesAfter,
  selectEntryByLeafHash,
  selectEntryByOutboxId,
  selectLatestCheckpoint,
  selectAllCheckpoints,
  selectSubtreeHashes,
  outboxEventExists,
} from '../../store/repositories/ledger.js';
import {
  insertLedgerKey,
  selectLedgerKeys,
  updateLedgerKeyStatus,
} from '../../store/repositories/ledger-keys.js';
import { findLedgerOpenings } from '../../store/repositories/ledger-openings.js';
import { recordAudit, auditBy } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, validationFailed } from '../errors.js';
import { recordLedgerEvent } from '../ledger-outbox.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { certificateSha256, createCheckpointKey, ExchangeIdentity } from './exchange-identity.js';
import { syncLedgerKeys } from './ledger-key-sync.js';
import { LedgerSequencer, type SequencerFaults } from './sequencer.js';
import { MemberCertificateService } from './member-certificates.js';
import { auditStoredLog } from './stored-log-audit.js';

/** At most this many entries per GET /ledger/entries page. */
export const MAX_ENTRIES_PER_PAGE = 1000;

export interface CheckpointView {
  readonly treeSize: number;
  /** base64 */
  readonly rootHash: string;
  /** The signed note (C2SP tlog-checkpoint). */
  readonly checkpoint: string;
}

export interface EntryView {
  readonly leafIndex: number;
  /** Canonical JSON text of the entry (the leaf bytes). */
  readonly entry: string;
  /** base64 SHA-256(0x00 ‖ entry). */
  readonly leafHash: string;
}

export interface InclusionProofView {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly inclusionProof: readonly string[];
}

export interface ConsistencyProofView {
  readonly firstSize: number;
  readonly secondSize: number;
  readonly consistencyProof: readonly string[];
}

export interface LedgerKeyView {
  readonly fingerprint: string;
  readonly keyName: string;
  /** Hex, 4 bytes: the key id in checkpoint signature lines. */
  readonly noteKeyId: string;
  /** base64, 32 bytes. */
  readonly publicKey: string;
  /** base64 DER SubjectPublicKeyInfo (44 bytes). */
  readonly subjectPublicKeyInfo: string;
  readonly status: 'active' | 'retiring' | 'retired';
  readonly createdAtMs: number;
  readonly retiredAtMs: number | null;
  readonly certificatePem: string;
}

export interface LedgerServiceOptions {
  readonly hasher?: LogHasher;
  readonly faults?: SequencerFaults;
}

export class LedgerService {
  readonly hasher: LogHasher;
  readonly identity: ExchangeIdentity;
  readonly sequencer: LedgerSequencer;
  /** Certificates for members and checks of their signatures (issued by this exchange). */
  readonly memberCertificates: MemberCertificateService;
  private opened: Promise<AuditReport> | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    options: LedgerServiceOptions = {},
  ) {
    this.hasher = options.hasher ?? rfc9162Hasher;
    this.identity = new ExchangeIdentity(
      deps.config.dataDir,
      deps.config.ledgerOrigin,
      this.sharesKeys() ? () => this.syncKeys() : undefined,
    );
    this.sequencer = new LedgerSequencer({
      db: deps.db,
      clock: deps.clock,
      hasher: this.hasher,
      identity: this.identity,
      origin: deps.config.ledgerOrigin,
      batchMaxEntries: deps.config.ledgerBatchMaxEntries,
      batchMaxMs: deps.config.ledgerBatchMaxMs,
      ready: async () => {
        await this.open();
      },
      onError: (error) => deps.logger.error({ err: error }, 'ledger sequencer batch failed'),
      faults: options.faults,
    });
    this.memberCertificates = new MemberCertificateService(deps, this);
  }

  /**
   * Creates the exchange identity on first start, then audits the stored log (the start check).
   * Memoized: a log that fails the check stays refused until the process restarts, and every
   * sequencer batch awaits this, so a mismatching log is never extended.
   */
  open(): Promise<AuditReport> {
    this.opened ??= (async () => {
      await this.syncKeys();
      await this.identity.ensureKey(this.deps.db, this.deps.clock);
      await this.syncKeys();
      const report = await auditStoredLog(this.deps.db, {
        hasher: this.hasher,
        origin: this.deps.config.ledgerOrigin,
        trusted: this.trustedVerifiers(),
      });
      this.deps.logger.info({ treeSize: report.treeSize }, 'ledger start check passed');
      return report;
    })();
    return this.opened;
  }

  /**
   * Gateways that share a bucket (BLOB_STORE=s3) on their own DATA_DIRs share their checkpoint
   * keys through it, sealed under the master key; one DATA_DIR needs nothing of the kind.
   */
  private sharesKeys(): boolean {
    return this.deps.config.blobStore.kind !== 'file';
  }

  /** Brings DATA_DIR/ledger/keys and the shared store level (see ledger-key-sync.ts). */
  private async syncKeys(): Promise<void> {
    if (!this.sharesKeys()) return;
    const { uploaded, fetched } = await syncLedgerKeys(this.deps.config.dataDir, this.deps.blobs);
    if (uploaded + fetched > 0)
      this.deps.logger.info({ uploaded, fetched }, 'ledger key files shared with the deployment');
  }

  /** Verifiers of every exchange key ever used, from the certificate files under DATA_DIR. */
  trustedVerifiers(): NoteVerifier[] {
    return this.identity.trustedVerifiers();
  }

  /** Sequences everything pending now (tests, CLI, the buyer flow before it hands out a receipt). */
  async flush(): Promise<number> {
    return this.sequencer.drain();
  }

  /** Resolves once outbox event `outboxId` is in a signed checkpoint; flushes to get it there. */
  async waitForSequenced(outboxId: number, timeoutMs = 10_000): Promise<ReceiptJson> {
    // A real elapsed-time bound (not the injected business clock, which tests hold still).
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const receipt = await this.receiptForOutboxEntry(outboxId);
      if (receipt !== undefined) return receipt;
      if (Date.now() > deadline) throw notFound('ledger entry for outbox event', String(outboxId));
      if (!(await outboxEventExists(this.deps.db, outboxId)))
        throw notFound('outbox event', String(outboxId));
      await this.flush();
    }
  }

  async pendingCount(): Promise<number> {
    return countPendingOutbox(this.deps.db);
  }

  /**
   * The latest signed checkpoint. Before the first entry it is the empty tree's (size 0, root
   * SHA-256 of nothing, RFC 9162 §2.1.1), signed on demand and not stored: a monitor polling a
   * fresh exchange sees a valid tree head from the start, as a CT log serves an empty STH.
   */
  async latestCheckpoint(): Promise<CheckpointView> {
    const { treeSize } = await this.open();
    const row = await selectLatestCheckpoint(this.deps.db);
    if (row !== undefined)
      return { treeSize: row.treeSize, rootHash: encodeBase64(row.rootHash), checkpoint: row.note };
    if (treeSize !== 0) throw notFound('checkpoint', 'latest');
    const rootHash = this.hasher.emptyRoot();
    const checkpoint = signCheckpoint(
      { origin: this.deps.config.ledgerOrigin, treeSize: 0, rootHash, extensions: [] },
      await this.identity.signers(this.deps.db),
    );
    return { treeSize: 0, rootHash: encodeBase64(rootHash), checkpoint };
  }

  /** Entries [start, end), at most MAX_ENTRIES_PER_PAGE; requires 0 <= start < end. */
  async entries(start: number, end: number): Promise<EntryView[]> {
    await this.open();
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end > start)) {
      throw validationFailed('want 0 <= start < end', [
        { field: 'start', reason: 'want 0 <= start < end' },
      ]);
    }
    const rows = await selectEntries(
      this.deps.db,
      start,
      Math.min(end, start + MAX_ENTRIES_PER_PAGE),
    );
    return rows.map((row) => ({
      leafIndex: row.leafIndex,
      entry: row.entryJson,
      leafHash: encodeBase64(row.leafHash),
    }));
  }

  /**
   * The tree size a proof is for: the latest checkpoint's when not given. A given size needs no
   * look-up: subtrees exist only for signed entries (a batch and its checkpoint commit together),
   * so a size beyond the log fails on a missing subtree with `ledger_index_out_of_range`.
   */
  private async treeSizeOrLatest(treeSize: number | undefined): Promise<number> {
    await this.open();
    if (treeSize !== undefined) return treeSize;
    return (await selectLatestCheckpoint(this.deps.db))?.treeSize ?? 0;
  }

  private async source(
    db: Queryable,
    nodes: readonly { level: number; index: number }[],
  ): Promise<MapSubtreeHashSource> {
    const source = new MapSubtreeHashSource();
    for (const node of await selectSubtreeHashes(db, nodes)) source.set(node, node.hash);
    return source;
  }

  /** PATH(leafIndex, D[0:treeSize]) from stored subtrees in two indexed queries (RFC 9162 §2.1.3.1). */
  async inclusionProof(query: {
    leafIndex?: number;
    leafHash?: Uint8Array;
    treeSize?: number;
  }): Promise<InclusionProofView> {
    const treeSize = await this.treeSizeOrLatest(query.treeSize);
    let leafIndex = query.leafIndex;
    if (leafIndex === undefined) {
      const entry = query.leafHash && (await selectEntryByLeafHash(this.deps.db, query.leafHash));
      if (!entry)
        throw notFound(
          'ledger entry with leaf hash',
          query.leafHash ? encodeBase64(query.leafHash) : '',
        );
      leafIndex = entry.leafIndex;
    }
    const needed = nodesNeededForInclusionProof(leafIndex, treeSize);
    const source = await this.source(this.deps.db, [...needed, { level: 0, index: leafIndex }]);
    const proof = inclusionProof(leafIndex, treeSize, source, this.hasher);
    const leafHash = source.subtreeHash({ level: 0, index: leafIndex }) as Uint8Array;
    return {
      leafIndex,
      treeSize,
      leafHash: encodeBase64(leafHash),
      inclusionProof: proof.map(encodeBase64),
    };
  }

  /** PROOF(firstSize, D[0:secondSize]) (RFC 9162 §2.1.4.1); requires 0 < firstSize <= secondSize. */
  async consistencyProof(firstSize: number, secondSize?: number): Promise<ConsistencyProofView> {
    const second = await this.treeSizeOrLatest(secondSize);
    const needed = nodesNeededForConsistencyProof(firstSize, second);
    const proof = consistencyProof(
      firstSize,
      second,
      await this.source(this.deps.db, needed),
      this.hasher,
    );
    return { firstSize, secondSize: second, consistencyProof: proof.map(encodeBase64) };
  }

  /**
   * The receipt of a leaf under the checkpoint signed with its batch. With a `reader` who is a party
   * to the entry's event (or an auditor or admin), the receipt carries the openings of its
   * committed fields; anyone else gets the public receipt (docs/ledger-privacy.md).
   */
  async receiptForLeaf(leafIndex: number, reader?: Principal): Promise<ReceiptJson> {
    await this.open();
    const checkpoint = await selectCheckpointCovering(this.deps.db, leafIndex);
    const entry = (await selectEntries(this.deps.db, leafIndex, leafIndex + 1))[0];
    if (checkpoint === undefined || entry === undefined)
      throw notFound('ledger entry', String(leafIndex));
    const needed = nodesNeededForInclusionProof(leafIndex, checkpoint.treeSize);
    const proof = inclusionProof(
      leafIndex,
      checkpoint.treeSize,
      await this.source(this.deps.db, needed),
      this.hasher,
    );
    const receipt = toReceiptJson(leafIndex, entry.entryJson, proof, checkpoint.note);
    const openings = reader && (await this.readableOpenings(reader, entry.outboxId));
    return openings ? { ...receipt, openings } : receipt;
  }

  /** The receipt of outbox event `outboxId`, or undefined while it is not yet sequenced. */
  async receiptForOutboxEntry(
    outboxId: number,
    reader?: Principal,
  ): Promise<ReceiptJson | undefined> {
    const entry = await selectEntryByOutboxId(this.deps.db, outboxId);
    return entry === undefined ? undefined : this.receiptForLeaf(entry.leafIndex, reader);
  }

  /**
   * The openings of entry `leafIndex` for `reader`: undefined when the entry commits to nothing, and
   * `not_found` when the reader is neither a party to the event nor an auditor or admin (the same
   * answer as for an entry that does not exist, so the parties of an event are not revealed).
   */
  async openingsForLeaf(reader: Principal, leafIndex: number): Promise<EntryOpenings | undefined> {
    await this.open();
    const entry = (await selectEntries(this.deps.db, leafIndex, leafIndex + 1))[0];
    if (entry === undefined) throw notFound('ledger entry', String(leafIndex));
    const row = await findLedgerOpenings(this.deps.db, entry.outboxId);
    if (row === undefined) return undefined;
    if (!mayReadOpenings(reader, row.partyOrganizationIds))
      throw notFound('ledger entry openings', String(leafIndex));
    return row.openings;
  }

  private async readableOpenings(
    reader: Principal,
    outboxId: number,
  ): Promise<EntryOpenings | undefined> {
    const row = await findLedgerOpenings(this.deps.db, outboxId);
    return row && mayReadOpenings(reader, row.partyOrganizationIds) ? row.openings : undefined;
  }

  /** Every exchange certificate ever used, newest first (PEM bundle: what `--cert` takes). */
  async certificateBundle(): Promise<string> {
    const keys = await selectLedgerKeys(this.deps.db);
    return keys.map((key) => key.certificatePem.trim()).join('\n') + '\n';
  }

  /**
   * Every checkpoint key, newest first, with what a browser verifier needs without parsing X.509:
   * the raw Ed25519 key, its SubjectPublicKeyInfo (for `crypto.subtle.importKey('spki', …)`) and
   * the signed-note key id. Trust still comes from the certificate: `certificatePem` is included.
   */
  async keys(): Promise<LedgerKeyView[]> {
    await this.open();
    return (await selectLedgerKeys(this.deps.db)).map((key) => ({
      fingerprint: key.fingerprint,
      keyName: key.keyName,
      noteKeyId: key.noteKeyId,
      publicKey: encodeBase64(key.publicKey),
      subjectPublicKeyInfo: encodeBase64(Buffer.concat([ED25519_SPKI_PREFIX, key.publicKey])),
      status: key.status,
      createdAtMs: key.createdAtMs,
      retiredAtMs: key.retiredAtMs,
      certificatePem: key.certificatePem,
    }));
  }

  /** Writes the export (JSON Lines) through `write`, one line at a time, each checkpoint after its batch. */
  async exportLedger(
    write: (line: string) => void | Promise<void>,
  ): Promise<{ treeSize: number; checkpoints: number }> {
    const checkpoints = await selectAllCheckpoints(this.deps.db);
    const lastSize = checkpoints.at(-1)?.treeSize ?? 0;
    await write(exportHeaderLine(this.deps.config.ledgerOrigin));
    let next = 0;
    for (let after = -1; after < lastSize - 1;) {
      const page = await selectEntriesAfter(this.deps.db, after, 5000);
      if (page.length === 0) break;
      for (const entry of page) {
        if (entry.leafIndex >= lastSize) break;
        await write(exportEntryLine(entry.leafIndex, entry.entryJson, entry.leafHash));
        while (next < checkpoints.length && checkpoints[next].treeSize === entry.leafIndex + 1) {
          await write(exportCheckpointLine(checkpoints[next++].note));
        }
      }
      after = page[page.length - 1].leafIndex;
    }
    return { treeSize: lastSize, checkpoints: checkpoints.length };
  }

  /**
   * Rotates the checkpoint key (admin): a new key and certificate; a `key.rotated` entry announcing
   * it goes into the log, and the checkpoint covering it is signed by both keys, after which the old
   * key retires. Old checkpoints stay verifiable with the old certificate (kept in the bundle).
   */
  async rotateCheckpointKey(
    context: RequestContext,
  ): Promise<{ fingerprint: string; outboxId: number }> {
    requireRole(context.principal, 'admin');
    await this.open();
    const nowMs = this.deps.clock.nowMs();
    const { row, privateKey } = createCheckpointKey(
      this.deps.config.dataDir,
      this.deps.config.ledgerOrigin,
      nowMs,
    );
    this.identity.remember(row.fingerprint, privateKey);
    await this.syncKeys();
    const outboxId = await this.deps.db.transaction(async (trx) => {
      const previous = (await selectLedgerKeys(trx)).find((key) => key.status === 'active');
      await updateLedgerKeyStatus(trx, 'active', 'retiring', nowMs);
      await insertLedgerKey(trx, row);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'ledger_key.rotated',
        target: row.fingerprint,
      });
      return recordLedgerEvent(trx, this.deps.clock, {
        kind: 'key.rotated',
        key_name: row.keyName,
        public_key: encodeBase64(row.publicKey),
        fingerprint: row.fingerprint,
        previous_fingerprint: previous?.fingerprint ?? null,
        certificate_sha256: certificateSha256(row.certificatePem),
      });
    });
    return { fingerprint: row.fingerprint, outboxId };
  }

  /** The checkpoint stored for exactly `treeSize`, if any. */
  async checkpointAt(treeSize: number): Promise<CheckpointView | undefined> {
    const row = await selectCheckpointAtSize(this.deps.db, treeSize);
    return (
      row && { treeSize: row.treeSize, rootHash: encodeBase64(row.rootHash), checkpoint: row.note }
    );
  }
}

/** Parties to an event read its openings; so do the exchange's auditors and admins. */
function mayReadOpenings(reader: Principal, partyOrganizationIds: readonly string[]): boolean {
  return (
    partyOrganizationIds.includes(reader.organizationId) ||
    hasRole(reader, 'auditor') ||
    hasRole(reader, 'admin')
  );
}
