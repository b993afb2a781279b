// Tampering made directly in the database: the start check refuses the log (and the sequencer never
// extends it), and the offline verifier names the same defect in the export of the tampered log.
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  LedgerError,
  ed25519NoteSigner,
  rfc9162Hasher as hasher,
  signCheckpoint,
  verifyLedgerExport,
  type AuditOptions,
} from '../../../src/core/ledger/index.js';
import type { LedgerService } from '../../../src/services/ledger/index.js';
import { createLedgerFixture, type LedgerFixture } from '../../helpers/ledger.js';
import { testKey } from '../../core/ledger/test-keys.js';

const origin = 'anonex.test/ledger';

async function exportOf(ledger: LedgerService): Promise<string> {
  const lines: string[] = [];
  await ledger.exportLedger((line) => {
    lines.push(line);
  });
  return lines.join('\n');
}

function exchangeSigner(fixture: LedgerFixture) {
  const directory = join(fixture.dataDir, 'ledger', 'keys');
  const file = readdirSync(directory).find((name) => name.endsWith('.key.pem')) as string;
  return ed25519NoteSigner(origin, createPrivateKey(readFileSync(join(directory, file))));
}

const entryAt = (fixture: LedgerFixture, leafIndex: number) =>
  fixture.deps.db('ledger_entries').where({ leaf_index: leafIndex });

interface TamperCase {
  readonly desc: string;
  readonly tamper: (fixture: LedgerFixture) => Promise<void>;
  readonly startCheck: { code: string; details?: Record<string, unknown> };
  /** What the offline verifier reports for the export of the tampered log (undefined: the export is clean). */
  readonly exported?: { code: string; details?: Record<string, unknown> };
  readonly witnessSize?: number;
}

const cases: TamperCase[] = [
  {
    desc: 'modified entry',
    tamper: async (f) => {
      await entryAt(f, 5).update({ entry_json: '{"kind":"trade","trade_id":"trd_forged"}' });
    },
    startCheck: { code: 'ledger_entry_modified', details: { leafIndex: 5 } },
    exported: { code: 'ledger_entry_modified', details: { leafIndex: 5, line: 7 } },
  },
  {
    desc: 'modified entry with its leaf hash recomputed',
    tamper: async (f) => {
      const forged = '{"kind":"trade","trade_id":"trd_forged"}';
      await entryAt(f, 5).update({
        entry_json: forged,
        leaf_hash: Buffer.from(hasher.hashLeaf(Buffer.from(forged))),
      });
    },
    startCheck: {
      code: 'ledger_entries_mismatch_checkpoint',
      details: { leafIndex: 0, treeSize: 8 },
    },
    exported: {
      code: 'ledger_entries_mismatch_checkpoint',
      details: { leafIndex: 0, treeSize: 8 },
    },
  },
  {
    desc: 'deleted entry',
    tamper: async (f) => {
      await entryAt(f, 5).delete();
    },
    startCheck: { code: 'ledger_entry_missing', details: { leafIndex: 5 } },
    exported: { code: 'ledger_entry_missing', details: { leafIndex: 5 } },
  },
  {
    desc: 'inserted entry in the middle',
    tamper: async (f) => {
      const db = f.deps.db;
      await db('ledger_entries')
        .where('leaf_index', '>=', 5)
        .update({ leaf_index: db.raw('leaf_index + 1000') });
      await db('ledger_entries')
        .where('leaf_index', '>=', 1005)
        .update({ leaf_index: db.raw('leaf_index - 999') });
      const forged = '{"kind":"trade","trade_id":"trd_inserted"}';
      await db('ledger_entries').insert({
        leaf_index: 5,
        outbox_id: 100_000,
        entry_json: forged,
        leaf_hash: Buffer.from(hasher.hashLeaf(Buffer.from(forged))),
        sequenced_at_ms: 0,
      });
    },
    startCheck: { code: 'ledger_entries_mismatch_checkpoint', details: { treeSize: 8 } },
    exported: { code: 'ledger_entries_mismatch_checkpoint', details: { treeSize: 8 } },
  },
  {
    desc: 'entry appended without a checkpoint',
    tamper: async (f) => {
      const forged = '{"kind":"trade","trade_id":"trd_appended"}';
      await f.deps.db('ledger_entries').insert({
        leaf_index: 20,
        outbox_id: 100_000,
        entry_json: forged,
        leaf_hash: Buffer.from(hasher.hashLeaf(Buffer.from(forged))),
        sequenced_at_ms: 0,
      });
    },
    startCheck: { code: 'ledger_unsigned_entries', details: { leafIndex: 20 } },
  },
  {
    desc: 'reordered entries',
    tamper: async (f) => {
      const [five] = await entryAt(f, 5);
      const [six] = await entryAt(f, 6);
      await entryAt(f, 5).update({
        entry_json: six.entry_json,
        leaf_hash: six.leaf_hash,
        outbox_id: 100_005,
      });
      await entryAt(f, 6).update({
        entry_json: five.entry_json,
        leaf_hash: five.leaf_hash,
        outbox_id: 100_006,
      });
    },
    startCheck: { code: 'ledger_entries_mismatch_checkpoint', details: { treeSize: 8 } },
    exported: { code: 'ledger_entries_mismatch_checkpoint', details: { treeSize: 8 } },
  },
  {
    desc: 'checkpoint signed by another key',
    tamper: async (f) => {
      const [row] = await f.deps.db('ledger_checkpoints').where({ tree_size: 16 });
      const note = signCheckpoint(
        { origin, treeSize: 16, rootHash: new Uint8Array(row.root_hash), extensions: [] },
        [testKey(origin, 9).signer],
      );
      await f.deps.db('ledger_checkpoints').where({ tree_size: 16 }).update({ note });
    },
    startCheck: {
      code: 'ledger_untrusted_signer',
      details: { checkpoint: 'checkpoint of size 16' },
    },
    exported: { code: 'ledger_untrusted_signer', details: { line: 19 } },
  },
  {
    desc: 'forked checkpoint signed by the exchange key',
    tamper: async (f) => {
      const note = signCheckpoint(
        { origin, treeSize: 16, rootHash: hasher.hashLeaf(Buffer.from('fork')), extensions: [] },
        [exchangeSigner(f)],
      );
      await f.deps.db('ledger_checkpoints').where({ tree_size: 16 }).update({ note });
    },
    startCheck: { code: 'ledger_fork', details: { treeSize: 16, otherTreeSize: 20 } },
    exported: { code: 'ledger_fork', details: { treeSize: 16, otherTreeSize: 20 } },
  },
  {
    desc: 'truncated log (last batch and its checkpoint deleted)',
    tamper: async (f) => {
      await f.deps.db('ledger_entries').where('leaf_index', '>=', 16).delete();
      await f.deps.db('ledger_checkpoints').where({ tree_size: 20 }).delete();
      await f.deps.db('ledger_state').update({ tree_size: 16 });
    },
    startCheck: { code: 'ledger_truncated', details: { leafIndex: 16 } },
    exported: { code: 'ledger_truncated', details: { treeSize: 20 } },
    witnessSize: 20,
  },
  {
    desc: 'stored subtree hash of the right edge',
    tamper: async (f) => {
      await f.deps
        .db('ledger_nodes')
        .where({ level: 4, node_index: 0 })
        .update({ hash: Buffer.alloc(32, 7) });
    },
    startCheck: { code: 'ledger_root_mismatch', details: { treeSize: 20 } },
  },
];

describe('services/ledger tampering in the database', () => {
  let fixture: LedgerFixture;
  let witness: string;
  beforeEach(async () => {
    fixture = await createLedgerFixture({ batchMaxEntries: 8 });
    await fixture.record(20);
    await fixture.ledger.flush();
    witness = (await fixture.ledger.latestCheckpoint()).checkpoint;
  });
  afterEach(async () => {
    await fixture.destroy();
  });

  it('passes the start check when untouched', async () => {
    expect((await fixture.restart().open()).treeSize).to.equal(20);
    const options: AuditOptions = { hasher, trusted: fixture.ledger.trustedVerifiers() };
    expect(verifyLedgerExport(await exportOf(fixture.ledger), options).treeSize).to.equal(20);
  });

  for (const c of cases) {
    it(`detects ${c.desc}: start check ${c.startCheck.code}${c.exported ? `, export ${c.exported.code}` : ''}`, async () => {
      await c.tamper(fixture);
      const restarted = fixture.restart();
      const error = await restarted.open().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'start check').to.be.instanceOf(LedgerError);
      expect((error as LedgerError).code).to.equal(c.startCheck.code);
      if (c.startCheck.details)
        expect((error as LedgerError).details).to.include(c.startCheck.details);

      // Reads refuse too (HTTP 503 with the same problem type), and the log is never extended.
      const read = await restarted.latestCheckpoint().then(
        () => 'served',
        (e: { code?: string }) => e.code,
      );
      expect(read).to.equal(c.startCheck.code);
      await fixture.record(3);
      const size = async () => Number((await fixture.deps.db('ledger_state').first()).tree_size);
      const before = await size();
      const flushed = await restarted.flush().then(
        () => 'extended',
        () => 'refused',
      );
      expect(flushed).to.equal('refused');
      expect(await size()).to.equal(before);

      if (c.exported) {
        const options: AuditOptions = {
          hasher,
          trusted: fixture.ledger.trustedVerifiers(),
          witnessCheckpoints: c.witnessSize ? [{ label: 'saved checkpoint', note: witness }] : [],
        };
        let exportError: unknown;
        try {
          verifyLedgerExport(await exportOf(restarted), options);
        } catch (e) {
          exportError = e;
        }
        expect(exportError, 'export verification').to.be.instanceOf(LedgerError);
        expect((exportError as LedgerError).code).to.equal(c.exported.code);
        if (c.exported.details)
          expect((exportError as LedgerError).details).to.include(c.exported.details);
      }
    });
  }
});
