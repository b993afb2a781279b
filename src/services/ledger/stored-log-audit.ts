// The start check: replays the stored log through the same auditor the offline verifier uses, and
// checks what the sequencer will extend (state row, stored right-edge subtrees, outbox marks).
import {
  LedgerError,
  LogAuditor,
  MapSubtreeHashSource,
  equalBytes,
  nodesNeededForRoot,
  noteVerifierForKey,
  rootFromSource,
  toHex,
  type AuditReport,
  type LogHasher,
  type NoteVerifier,
} from '../../core/ledger/index.js';
import type { Queryable } from '../../store/db.js';
import {
  lockLedgerState,
  maxOutboxLeafIndex,
  selectAllCheckpoints,
  selectEntriesAfter,
  selectSubtreeHashes,
} from '../../store/repositories/ledger.js';

const PAGE_ENTRIES = 5_000;

/**
 * Verifies the stored log from entry 0: contiguous indices, every entry hashing to its stored leaf
 * hash, every checkpoint signed by a trusted key and matching the entries it covers, no entries
 * beyond the last checkpoint, no outbox row claiming a leaf the log lacks, and stored subtree
 * hashes that fold to the audited root. Throws the first LedgerError found (details name the entry
 * or checkpoint).
 */
export async function auditStoredLog(
  db: Queryable,
  options: { hasher: LogHasher; origin: string; trusted: readonly NoteVerifier[] },
): Promise<AuditReport> {
  const auditor = new LogAuditor({
    hasher: options.hasher,
    origin: options.origin,
    trusted: options.trusted,
    verifierForRotatedKey: noteVerifierForKey,
  });
  const checkpoints = await selectAllCheckpoints(db);
  let nextCheckpoint = 0;
  const addCheckpointsAt = (size: number) => {
    while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint].treeSize <= size) {
      const checkpoint = checkpoints[nextCheckpoint++];
      auditor.addCheckpoint(checkpoint.note, `checkpoint of size ${checkpoint.treeSize}`);
    }
  };
  // Keyset pages read every stored row, whatever gaps or strays an attacker left.
  for (let after = -1; ;) {
    const page = await selectEntriesAfter(db, after, PAGE_ENTRIES);
    for (const entry of page) {
      addCheckpointsAt(auditor.treeSize);
      auditor.addEntry(entry.leafIndex, entry.entryJson, entry.leafHash);
    }
    if (page.length < PAGE_ENTRIES) break;
    after = page[page.length - 1].leafIndex;
  }
  addCheckpointsAt(auditor.treeSize);
  if (nextCheckpoint < checkpoints.length) {
    const missing = checkpoints[nextCheckpoint];
    auditor.addCheckpoint(missing.note, `checkpoint of size ${missing.treeSize}`);
  }
  const report = auditor.finish();

  const stateSize = await lockLedgerState(db);
  if (stateSize !== report.treeSize) {
    throw new LedgerError(
      'ledger_truncated',
      `the state row records ${stateSize} entries, the log holds ${report.treeSize}`,
      {
        details: { treeSize: stateSize, logSize: report.treeSize },
      },
    );
  }
  const claimed = await maxOutboxLeafIndex(db);
  if (claimed >= report.treeSize) {
    throw new LedgerError(
      'ledger_truncated',
      `the outbox marks entry ${claimed} as sequenced but the log ends at ${report.treeSize}`,
      {
        details: { leafIndex: report.treeSize, treeSize: claimed + 1 },
      },
    );
  }
  // The sequencer extends the log from its stored right edge: those subtrees must fold to the audited root.
  const source = new MapSubtreeHashSource();
  for (const node of await selectSubtreeHashes(db, nodesNeededForRoot(report.treeSize)))
    source.set(node, node.hash);
  let storedRoot: Uint8Array;
  try {
    storedRoot = rootFromSource(report.treeSize, source, options.hasher);
  } catch (error) {
    throw new LedgerError(
      'ledger_root_mismatch',
      'stored subtree hashes of the right edge are missing',
      { cause: error },
    );
  }
  if (!equalBytes(storedRoot, report.rootHash)) {
    throw new LedgerError(
      'ledger_root_mismatch',
      'stored subtree hashes do not fold to the audited root',
      {
        details: {
          expectedRoot: toHex(report.rootHash),
          calculatedRoot: toHex(storedRoot),
          treeSize: report.treeSize,
        },
      },
    );
  }
  return report;
}
