// Signed notes and checkpoints (C2SP signed-note, tlog-checkpoint) and offline receipt verification.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  LedgerError,
  MapSubtreeHashSource,
  CompactRange,
  ed25519NoteKeyId,
  formatCheckpoint,
  inclusionProof,
  openCheckpoint,
  parseSignedNote,
  rfc9162Hasher as hasher,
  signCheckpoint,
  toReceiptJson,
  verifyReceipt,
} from '../../../src/core/ledger/index.js';
import { testKey } from './test-keys.js';

const origin = 'example.com/ledger';
const exchange = testKey(origin, 1);
const intruder = testKey(origin, 2);
const root = hasher.hashLeaf(Buffer.from('x'));

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    expect((error as LedgerError).code).to.equal(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('core/ledger signed checkpoints', () => {
  it('formats the C2SP checkpoint text and one signature line with a 4-byte key id', () => {
    const note = signCheckpoint({ origin, treeSize: 5, rootHash: root, extensions: [] }, [
      exchange.signer,
    ]);
    const [text, signatures] = note.split('\n\n');
    expect(text).to.equal(`${origin}\n5\n${Buffer.from(root).toString('base64')}`);
    expect(signatures).to.match(/^\u2014 example\.com\/ledger [A-Za-z0-9+/]{91}=\n$/);
    const blob = Buffer.from(signatures.trim().split(' ')[2], 'base64');
    expect(blob.length).to.equal(4 + 64);
    expect(blob.subarray(0, 4).toString('hex')).to.equal(
      Buffer.from(exchange.signer.keyId).toString('hex'),
    );
    expect(openCheckpoint(note, [exchange.verifier], origin).checkpoint.treeSize).to.equal(5);
  });

  it('derives the Ed25519 key id as SHA-256(name ‖ LF ‖ 0x01 ‖ key)[:4]', () => {
    // Recompute: printf 'example.com/ledger\n\x01' + the 32-byte key, sha256, first 4 bytes.
    const want = createHash('sha256')
      .update(`${origin}\n`)
      .update(Buffer.from([1]))
      .update(exchange.publicKey)
      .digest()
      .subarray(0, 4);
    expect(Buffer.from(ed25519NoteKeyId(origin, exchange.publicKey)).equals(want)).to.equal(true);
  });

  const good = signCheckpoint({ origin, treeSize: 5, rootHash: root, extensions: [] }, [
    exchange.signer,
  ]);
  const cases: { desc: string; note: string; code: string }[] = [
    {
      desc: 'signed-by-another-key',
      note: signCheckpoint({ origin, treeSize: 5, rootHash: root, extensions: [] }, [
        intruder.signer,
      ]),
      code: 'ledger_untrusted_signer',
    },
    {
      desc: 'modified-tree-size',
      note: good.replace('\n5\n', '\n6\n'),
      code: 'ledger_bad_signature',
    },
    {
      desc: 'leading-zero-size',
      note: good.replace('\n5\n', '\n05\n'),
      code: 'ledger_malformed_checkpoint',
    },
    {
      desc: 'negative-size',
      note: good.replace('\n5\n', '\n-5\n'),
      code: 'ledger_malformed_checkpoint',
    },
    {
      desc: 'short-root',
      note: signCheckpoint(
        { origin, treeSize: 5, rootHash: root.subarray(0, 31), extensions: [] },
        [exchange.signer],
      ),
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'no-signatures',
      note: `${formatCheckpoint({ origin, treeSize: 5, rootHash: root, extensions: [] })}\n`,
      code: 'ledger_malformed_note',
    },
    { desc: 'no-final-newline', note: good.slice(0, -1), code: 'ledger_malformed_note' },
    {
      desc: 'bad-base64-signature',
      note: good.replace(/ ([A-Za-z0-9+/]+=)\n$/, ' !!!!\n'),
      code: 'ledger_malformed_note',
    },
    {
      desc: 'other-origin',
      note: signCheckpoint(
        { origin: 'other.example/log', treeSize: 5, rootHash: root, extensions: [] },
        [exchange.signer],
      ),
      code: 'ledger_origin_mismatch',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.desc} with ${c.code}`, () =>
      expectCode(() => openCheckpoint(c.note, [exchange.verifier], origin), c.code));
  }

  it('accepts a cosigned note when one signer is trusted and ignores the unknown one', () => {
    const note = signCheckpoint({ origin, treeSize: 5, rootHash: root, extensions: [] }, [
      intruder.signer,
      exchange.signer,
    ]);
    expect(parseSignedNote(note).signatures).to.have.length(2);
    expect(openCheckpoint(note, [exchange.verifier]).signedBy).to.deep.equal([exchange.verifier]);
  });
});

describe('core/ledger receipts', () => {
  const entries = Array.from({ length: 11 }, (_, i) => JSON.stringify({ kind: 'trade', n: i }));
  const source = new MapSubtreeHashSource();
  const range = new CompactRange(hasher);
  entries.forEach((entry, index) => {
    const leafHash = hasher.hashLeaf(Buffer.from(entry));
    source.set({ level: 0, index }, leafHash);
    for (const node of range.append(leafHash)) source.set(node, node.hash);
  });
  const note = signCheckpoint({ origin, treeSize: 11, rootHash: range.root(), extensions: [] }, [
    exchange.signer,
  ]);
  const receipt = toReceiptJson(6, entries[6], inclusionProof(6, 11, source, hasher), note);

  it('verifies a receipt offline and returns the entry', () => {
    const verified = verifyReceipt(
      JSON.parse(JSON.stringify(receipt)),
      [exchange.verifier],
      hasher,
      origin,
    );
    expect(verified.entry).to.deep.equal({ kind: 'trade', n: 6 });
    expect(verified.checkpoint.checkpoint.treeSize).to.equal(11);
  });

  const tampered: { desc: string; value: unknown; code: string }[] = [
    {
      desc: 'modified-entry',
      value: { ...receipt, entry: entries[6].replace('6', '7') },
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'wrong-leaf-index',
      value: { ...receipt, leaf_index: 7 },
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'truncated-proof',
      value: { ...receipt, inclusion_proof: receipt.inclusion_proof.slice(1) },
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'proof-not-base64',
      value: { ...receipt, inclusion_proof: ['***'] },
      code: 'ledger_malformed_receipt',
    },
    {
      desc: 'missing-checkpoint',
      value: { ...receipt, checkpoint: undefined },
      code: 'ledger_malformed_receipt',
    },
    {
      desc: 'checkpoint-by-another-key',
      value: {
        ...receipt,
        checkpoint: signCheckpoint(
          { origin, treeSize: 11, rootHash: range.root(), extensions: [] },
          [intruder.signer],
        ),
      },
      code: 'ledger_untrusted_signer',
    },
    { desc: 'not-an-object', value: 'receipt', code: 'ledger_malformed_receipt' },
  ];
  for (const t of tampered) {
    it(`refuses a receipt with ${t.desc} (${t.code})`, () =>
      expectCode(() => verifyReceipt(t.value, [exchange.verifier], hasher), t.code));
  }
});
