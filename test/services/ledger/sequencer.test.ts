// The sequencer on SQLite and PostgreSQL: batches, signed checkpoints, receipts, proofs, concurrent
// appends, crash recovery and key rotation.
import { spawnSync } from 'node:child_process';
import { statSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  LedgerError,
  decodeBase64Strict,
  noteVerifierForKey,
  noteVerifiersFromCertificates,
  openCheckpoint,
  rfc9162Hasher as hasher,
  verifyConsistency,
  verifyInclusion,
  verifyLedgerExport,
  verifyReceipt,
} from '../../../src/core/ledger/index.js';
import { recordLedgerEvent } from '../../../src/services/ledger-outbox.js';
import { createLedgerFixture, type LedgerFixture } from '../../helpers/ledger.js';

const b64 = (text: string) => decodeBase64Strict(text) as Uint8Array;
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

async function exportText(fixture: LedgerFixture): Promise<string> {
  const lines: string[] = [];
  await fixture.ledger.exportLedger((line) => {
    lines.push(line);
  });
  return lines.join('\n');
}

describe('services/ledger sequencer', () => {
  let fixture: LedgerFixture;
  beforeEach(async () => {
    fixture = await createLedgerFixture({ batchMaxEntries: 8 });
  });
  afterEach(async () => {
    await fixture.ledger.sequencer.stop();
    await fixture.destroy();
  });

  it('creates the exchange identity on first start: 0600 key and a certificate openssl accepts', async function () {
    await fixture.ledger.open();
    const directory = join(fixture.dataDir, 'ledger', 'keys');
    const files = readdirSync(directory);
    expect(files.filter((f) => f.endsWith('.key.pem'))).to.have.length(1);
    for (const file of files) expect(statSync(join(directory, file)).mode & 0o777).to.equal(0o600);
    const bundle = await fixture.ledger.certificateBundle();
    expect(noteVerifiersFromCertificates(bundle)).to.have.length(1);
    if (!hasOpenssl) this.skip();
    const path = join(fixture.dataDir, 'exchange.pem');
    writeFileSync(path, bundle);
    const result = spawnSync('openssl', ['verify', '-CAfile', path, path], { encoding: 'utf8' });
    expect(result.stdout.trim()).to.equal(`${path}: OK`);
  });

  it('serves the empty tree as a signed checkpoint before the first entry, without storing it', async () => {
    const empty = await fixture.ledger.latestCheckpoint();
    expect(empty.treeSize).to.equal(0);
    expect(empty.rootHash).to.equal(Buffer.from(hasher.emptyRoot()).toString('base64'));
    const opened = openCheckpoint(
      empty.checkpoint,
      fixture.ledger.trustedVerifiers(),
      'anonex.test/ledger',
    );
    expect(opened.checkpoint.treeSize).to.equal(0);
    const [{ n }] = await fixture.deps.db('ledger_checkpoints').count({ n: '*' });
    expect(Number(n)).to.equal(0);
    await fixture.record(3);
    await fixture.ledger.flush();
    expect((await fixture.ledger.latestCheckpoint()).treeSize).to.equal(3);
  });

  it('appends in batches with one signed checkpoint each and marks the outbox', async () => {
    const ids = await fixture.record(20);
    expect(await fixture.ledger.flush()).to.equal(20);
    const checkpoints = (await fixture.deps.db('ledger_checkpoints').orderBy('tree_size')).map(
      (row) => Number(row.tree_size),
    );
    expect(checkpoints).to.deep.equal([8, 16, 20]);
    const marked = await fixture.deps.db('ledger_outbox').whereIn('id', ids).orderBy('id');
    expect(marked.map((row) => Number(row.leaf_index))).to.deep.equal(ids.map((_, i) => i));
    const latest = await fixture.ledger.latestCheckpoint();
    const opened = openCheckpoint(
      latest.checkpoint,
      fixture.ledger.trustedVerifiers(),
      'anonex.test/ledger',
    );
    expect(opened.checkpoint.treeSize).to.equal(20);
    expect(await fixture.ledger.flush()).to.equal(0);
  });

  it('serves receipts that verify offline with only the certificate', async () => {
    const ids = await fixture.record(13);
    const receipt = await fixture.ledger.waitForSequenced(ids[11]);
    const trusted = noteVerifiersFromCertificates(await fixture.ledger.certificateBundle());
    const verified = verifyReceipt(
      JSON.parse(JSON.stringify(receipt)),
      trusted,
      hasher,
      'anonex.test/ledger',
    );
    expect(verified.leafIndex).to.equal(11);
    expect(verified.entry).to.include({ kind: 'trade', trade_id: 'trd_000012' });
    expect(await fixture.ledger.receiptForOutboxEntry(999_999)).to.equal(undefined);
  });

  it('serves inclusion proofs by index and by hash, and consistency proofs between checkpoints', async () => {
    await fixture.record(21);
    await fixture.ledger.flush();
    const latest = await fixture.ledger.latestCheckpoint();
    for (const leafIndex of [0, 7, 8, 20]) {
      const proof = await fixture.ledger.inclusionProof({ leafIndex });
      verifyInclusion(
        hasher,
        leafIndex,
        21,
        b64(proof.leafHash),
        proof.inclusionProof.map(b64),
        b64(latest.rootHash),
      );
      const byHash = await fixture.ledger.inclusionProof({ leafHash: b64(proof.leafHash) });
      expect(byHash).to.deep.equal(proof);
    }
    const at8 = (await fixture.ledger.checkpointAt(8))!;
    const consistency = await fixture.ledger.consistencyProof(8);
    verifyConsistency(
      hasher,
      8,
      21,
      consistency.consistencyProof.map(b64),
      b64(at8.rootHash),
      b64(latest.rootHash),
    );
    await expectRejects(fixture.ledger.consistencyProof(0), 'ledger_consistency_from_empty_tree');
    await expectRejects(
      fixture.ledger.inclusionProof({ leafIndex: 3, treeSize: 22 }),
      'ledger_index_out_of_range',
    );
  });

  it('keeps order and loses nothing under concurrent appends while running', async () => {
    fixture.ledger.sequencer.start();
    const producers = Array.from({ length: 10 }, (_, producer) =>
      (async () => {
        const ids: number[] = [];
        for (let i = 0; i < 15; i++) {
          ids.push(
            await fixture.deps.db.transaction((trx) =>
              recordLedgerEvent(trx, fixture.clock, { kind: 'trade', producer, sequence: i }),
            ),
          );
        }
        return ids;
      })(),
    );
    const idsByProducer = await Promise.all(producers);
    await fixture.ledger.flush();
    const entries = await fixture.ledger.entries(0, 1000);
    expect(entries).to.have.length(150);
    for (let producer = 0; producer < 10; producer++) {
      const sequence = entries
        .map((e) => JSON.parse(e.entry))
        .filter((e) => e.producer === producer)
        .map((e) => e.sequence);
      expect(sequence, `producer ${producer}`).to.deep.equal([...Array(15).keys()]);
    }
    const allIds = idsByProducer.flat();
    expect(new Set(allIds).size).to.equal(150);
    expect(
      verifyLedgerExport(await exportText(fixture), {
        hasher,
        trusted: fixture.ledger.trustedVerifiers(),
      }).treeSize,
    ).to.equal(150);
  });

  it('recovers from a crash between the batch write and the checkpoint', async () => {
    let crashes = 1;
    const crashing = fixture.restart({
      faults: {
        afterBatchWrite: () => {
          if (crashes-- > 0) throw new Error('simulated crash before the checkpoint');
        },
      },
    });
    await fixture.record(10);
    let failed = false;
    await crashing.flush().catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(Number((await fixture.deps.db('ledger_entries').count({ n: '*' }))[0].n)).to.equal(0);
    expect(await crashing.pendingCount()).to.equal(10);
    expect(await crashing.flush()).to.equal(10);
    const report = await fixture.restart().open();
    expect(report.treeSize).to.equal(10);
    expect(
      verifyLedgerExport(await exportText(fixture), {
        hasher,
        trusted: fixture.ledger.trustedVerifiers(),
      }).checkpointCount,
    ).to.equal(2);
  });

  it('rotates the checkpoint key: the rotation is cosigned, old checkpoints stay verifiable', async () => {
    const early = await fixture.record(3);
    const oldReceipt = await fixture.ledger.waitForSequenced(early[2]);
    const oldBundle = await fixture.ledger.certificateBundle();
    const rotation = await fixture.ledger.rotateCheckpointKey(fixture.adminContext);
    const rotationReceipt = await fixture.ledger.waitForSequenced(rotation.outboxId);
    await fixture.record(4);
    await fixture.ledger.flush();

    const oldOnly = noteVerifiersFromCertificates(oldBundle);
    const both = noteVerifiersFromCertificates(await fixture.ledger.certificateBundle());
    expect(both).to.have.length(2);
    // The rotation checkpoint carries both signatures; the next one only the new key's.
    expect(openCheckpoint(rotationReceipt.checkpoint, oldOnly).signedBy).to.have.length(1);
    expect(openCheckpoint(rotationReceipt.checkpoint, both).signedBy).to.have.length(2);
    const latest = await fixture.ledger.latestCheckpoint();
    await expectThrows(() => openCheckpoint(latest.checkpoint, oldOnly), 'ledger_untrusted_signer');
    verifyReceipt(oldReceipt, oldOnly, hasher);
    const text = await exportText(fixture);
    expect(verifyLedgerExport(text, { hasher, trusted: both }).treeSize).to.equal(8);
    expect(
      verifyLedgerExport(text, {
        hasher,
        trusted: oldOnly,
        verifierForRotatedKey: noteVerifierForKey,
      }).treeSize,
    ).to.equal(8);
    const keys = await fixture.deps.db('ledger_keys').orderBy('created_at_ms');
    expect(keys.map((k) => k.status).sort()).to.deep.equal(['active', 'retired']);
    expect((await fixture.restart().open()).treeSize).to.equal(8);
  });

  it('refuses rotation to a non-admin', async () => {
    const context = {
      ...fixture.adminContext,
      principal: { ...fixture.adminContext.principal, roles: ['buyer' as const] },
    };
    let code: string | undefined;
    await fixture.ledger
      .rotateCheckpointKey(context)
      .catch((error: { code?: string }) => (code = error.code));
    expect(code).to.equal('forbidden');
  });
});

async function expectRejects(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    expect((error as LedgerError).code).to.equal(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

async function expectThrows(fn: () => unknown, code: string): Promise<void> {
  return expectRejects(Promise.resolve().then(fn), code);
}
