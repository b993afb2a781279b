// Offline verification of ledger exports: every kind of tampering is named by line, entry or checkpoint.
import { expect } from 'chai';
import {
  CompactRange,
  LedgerError,
  ed25519NoteVerifier,
  exportCheckpointLine,
  exportEntryLine,
  exportHeaderLine,
  rfc9162Hasher as hasher,
  signCheckpoint,
  verifyLedgerExport,
  type NoteSigner,
} from '../../../src/core/ledger/index.js';
import { testKey, verifyEd25519 } from './test-keys.js';

const origin = 'example.com/ledger';
const oldKey = testKey(origin, 1);
const newKey = testKey(origin, 3);
const intruder = testKey(origin, 2);

interface Batch {
  readonly entries: string[];
  readonly signers: NoteSigner[];
}

/** An export of batches of 4 entries, each followed by its checkpoint. */
function buildExport(batches: readonly Batch[]): string[] {
  const range = new CompactRange(hasher);
  const lines = [exportHeaderLine(origin)];
  for (const batch of batches) {
    for (const entry of batch.entries) {
      const leafHash = hasher.hashLeaf(Buffer.from(entry));
      lines.push(exportEntryLine(range.size, entry, leafHash));
      range.append(leafHash);
    }
    lines.push(
      exportCheckpointLine(
        signCheckpoint(
          { origin, treeSize: range.size, rootHash: range.root(), extensions: [] },
          batch.signers,
        ),
      ),
    );
  }
  return lines;
}

const entry = (n: number) =>
  JSON.stringify({ kind: 'trade', n, recorded_at_ms: 1_700_000_000_000 + n });
const batch = (from: number, signers: NoteSigner[] = [oldKey.signer]): Batch => ({
  entries: [entry(from), entry(from + 1), entry(from + 2), entry(from + 3)],
  signers,
});
const good = buildExport([batch(0), batch(4), batch(8)]);
// good: line 0 header; 1–4 entries 0–3; 5 checkpoint 1; 6–9 entries 4–7; 10 checkpoint 2; 11–14; 15 checkpoint 3.

const options = { hasher, trusted: [oldKey.verifier] };
const edit = (
  lines: string[],
  index: number,
  change: (value: Record<string, unknown>) => Record<string, unknown>,
) => lines.map((line, i) => (i === index ? JSON.stringify(change(JSON.parse(line))) : line));
const rehash = (value: Record<string, unknown>) => ({
  ...value,
  leaf_hash: Buffer.from(hasher.hashLeaf(Buffer.from(value.entry as string))).toString('base64'),
});

function failure(
  lines: string[],
  extra: Partial<Parameters<typeof verifyLedgerExport>[1]> = {},
): LedgerError {
  try {
    verifyLedgerExport(lines.join('\n'), { ...options, ...extra });
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('the export verified');
}

describe('core/ledger export verification', () => {
  it('verifies an untouched export and reports its size and checkpoints', () => {
    const report = verifyLedgerExport(good.join('\n'), options);
    expect(report.treeSize).to.equal(12);
    expect(report.checkpointCount).to.equal(3);
    expect(report.latestCheckpoint?.treeSize).to.equal(12);
  });

  const cases: {
    desc: string;
    lines: () => string[];
    code: string;
    details: Record<string, unknown>;
    extra?: object;
  }[] = [
    {
      desc: 'modified-entry',
      lines: () => edit(good, 7, (v) => ({ ...v, entry: entry(99) })),
      code: 'ledger_entry_modified',
      details: { leafIndex: 5, line: 8 },
    },
    {
      desc: 'modified-entry-and-leaf-hash',
      lines: () => edit(good, 7, (v) => rehash({ ...v, entry: entry(99) })),
      code: 'ledger_entries_mismatch_checkpoint',
      details: { leafIndex: 4, treeSize: 8 },
    },
    {
      desc: 'deleted-entry',
      lines: () => good.filter((_, i) => i !== 7),
      code: 'ledger_entry_missing',
      details: { leafIndex: 5, line: 8 },
    },
    {
      desc: 'deleted-last-entry-of-batch',
      lines: () => good.filter((_, i) => i !== 9),
      code: 'ledger_entry_missing',
      details: { leafIndex: 7, treeSize: 8 },
    },
    {
      desc: 'deleted-entry-renumbered',
      lines: () =>
        good
          .filter((_, i) => i !== 7)
          .map((line, i) =>
            i >= 7 && i <= 8
              ? JSON.stringify({ ...JSON.parse(line), leaf_index: JSON.parse(line).leaf_index - 1 })
              : line,
          ),
      code: 'ledger_entry_missing',
      details: { leafIndex: 7 },
    },
    {
      desc: 'inserted-entry',
      lines: () => [
        ...good.slice(0, 8),
        exportEntryLine(6, entry(50), hasher.hashLeaf(Buffer.from(entry(50)))),
        ...good.slice(8),
      ],
      code: 'ledger_entry_out_of_order',
      details: { leafIndex: 7, line: 10 },
    },
    {
      desc: 'reordered-entries',
      lines: () => [...good.slice(0, 6), good[7], good[6], ...good.slice(8)],
      code: 'ledger_entry_missing',
      details: { leafIndex: 4, line: 7 },
    },
    {
      desc: 'reordered-entries-renumbered',
      lines: () => [
        ...good.slice(0, 6),
        edit(good, 7, (v) => ({ ...v, leaf_index: 4 }))[7],
        edit(good, 6, (v) => ({ ...v, leaf_index: 5 }))[6],
        ...good.slice(8),
      ],
      code: 'ledger_entries_mismatch_checkpoint',
      details: { leafIndex: 4, treeSize: 8 },
    },
    {
      desc: 'checkpoint-signed-by-another-key',
      lines: () => buildExport([batch(0), batch(4, [intruder.signer]), batch(8)]),
      code: 'ledger_untrusted_signer',
      details: { line: 11 },
    },
    {
      desc: 'forked-checkpoints',
      // Checkpoint 2 signs a log whose entry 5 differs; checkpoint 3 signs the log we hold.
      lines: () => {
        const forked = buildExport([
          batch(0),
          { entries: [entry(4), entry(99), entry(6), entry(7)], signers: [oldKey.signer] },
        ]);
        return [...good.slice(0, 10), forked[10], ...good.slice(11)];
      },
      code: 'ledger_fork',
      details: { treeSize: 8, otherTreeSize: 12 },
    },
    {
      desc: 'unsigned-tail',
      lines: () => [
        ...good,
        exportEntryLine(12, entry(12), hasher.hashLeaf(Buffer.from(entry(12)))),
      ],
      code: 'ledger_unsigned_entries',
      details: { leafIndex: 12 },
    },
    {
      desc: 'truncated-log',
      lines: () => good.slice(0, 11),
      code: 'ledger_truncated',
      details: { treeSize: 12 },
      extra: {
        witnessCheckpoints: [{ label: 'saved checkpoint', note: JSON.parse(good[15]).checkpoint }],
      },
    },
    {
      desc: 'not-json-line',
      lines: () => [...good.slice(0, 3), '{oops', ...good.slice(3)],
      code: 'ledger_malformed_export',
      details: { line: 4 },
    },
    {
      desc: 'missing-header',
      lines: () => good.slice(1),
      code: 'ledger_malformed_export',
      details: { line: 1 },
    },
  ];
  for (const c of cases) {
    it(`names the first bad item of ${c.desc} (${c.code})`, () => {
      const error = failure(c.lines(), c.extra);
      expect(error.code).to.equal(c.code);
      expect(error.details).to.include(c.details);
    });
  }

  it('detects a witness checkpoint the log contradicts (rewritten history) as a fork', () => {
    const rewritten = buildExport([
      batch(0),
      { entries: [entry(4), entry(99), entry(6), entry(7)], signers: [oldKey.signer] },
      batch(8),
    ]);
    const error = failure(rewritten, {
      witnessCheckpoints: [{ label: 'receipt checkpoint', note: JSON.parse(good[10]).checkpoint }],
    });
    expect(error.code).to.equal('ledger_fork');
    expect(error.details).to.include({ checkpoint: 'receipt checkpoint', treeSize: 8 });
  });

  describe('key rotation', () => {
    const rotation = JSON.stringify({
      kind: 'key.rotated',
      key_name: origin,
      public_key: Buffer.from(newKey.publicKey).toString('base64'),
    });
    const rotated = buildExport([
      batch(0),
      {
        entries: [entry(4), entry(5), entry(6), rotation],
        signers: [oldKey.signer, newKey.signer],
      },
      batch(8, [newKey.signer]),
    ]);
    const follow = {
      verifierForRotatedKey: (name: string, key: Uint8Array) =>
        ed25519NoteVerifier(name, key, verifyEd25519),
    };

    it('follows a rotation announced in a checkpoint signed by the old key', () => {
      expect(verifyLedgerExport(rotated.join('\n'), { ...options, ...follow }).treeSize).to.equal(
        12,
      );
    });

    it('verifies old and new checkpoints with the certificate bundle of both keys', () => {
      expect(
        verifyLedgerExport(rotated.join('\n'), {
          hasher,
          trusted: [oldKey.verifier, newKey.verifier],
        }).treeSize,
      ).to.equal(12);
    });

    it('refuses checkpoints signed by the retired key after the rotation', () => {
      const stale = buildExport([
        batch(0),
        {
          entries: [entry(4), entry(5), entry(6), rotation],
          signers: [oldKey.signer, newKey.signer],
        },
        batch(8, [oldKey.signer]),
      ]);
      const error = failure(stale, follow);
      expect(error.code).to.equal('ledger_untrusted_signer');
      expect(error.details).to.include({ line: 16 });
    });

    it('does not trust the new key without the rotation being followed', () => {
      expect(failure(rotated).code).to.equal('ledger_untrusted_signer');
    });
  });
});
