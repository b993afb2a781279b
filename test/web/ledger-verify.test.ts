import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import {
  createEd25519SignedCertificate,
  verifyReceipt as verifyReceiptInCore,
} from '../../src/core/ledger/index.js';
import type { ReceiptJson } from '../../src/core/ledger/index.js';
import { ReceiptCheckError, verifyReceipt } from '../../src/web/assets/ledger-verify.js';

/** Expects the browser verifier to refuse, at `step`. */
async function expectRefusal(receipt: unknown, pem: string, step: string): Promise<void> {
  try {
    await verifyReceipt(receipt, pem);
  } catch (error) {
    expect(error).to.be.instanceOf(ReceiptCheckError);
    expect((error as ReceiptCheckError).step).to.equal(step);
    return;
  }
  expect.fail(`the receipt was accepted; want a refusal at ${step}`);
}

describe('web/assets/ledger-verify (the browser receipt check, run under Node Web Crypto)', () => {
  let gateway: TestGateway;
  let pem: string;
  const receipts: ReceiptJson[] = [];

  before(async () => {
    gateway = await startTestGateway();
    const outboxIds: number[] = [];
    // Seven entries: proofs of every shape (left and right siblings, the lone last leaf).
    for (let index = 0; index < 7; index++) {
      outboxIds.push(
        await gateway.db.transaction((trx) =>
          recordLedgerEvent(trx, gateway.clock, {
            kind: 'trade',
            trade_id: `trd_${index}`,
            artifact_sha256: 'ab'.repeat(32),
          }),
        ),
      );
    }
    for (const outboxId of outboxIds)
      receipts.push(await gateway.services.ledger.waitForSequenced(outboxId));
    pem = await gateway.services.ledger.certificateBundle();
  });
  after(() => gateway.stop());

  it('accepts every receipt the gateway issues, agreeing with core/ledger', async () => {
    const verifiers = gateway.services.ledger.trustedVerifiers();
    for (const receipt of receipts) {
      const inBrowser = await verifyReceipt(receipt, pem);
      const inCore = verifyReceiptInCore(receipt, verifiers, gateway.services.ledger.hasher);
      expect(inBrowser.leafIndex).to.equal(inCore.leafIndex);
      expect(inBrowser.treeSize).to.equal(inCore.checkpoint.checkpoint.treeSize);
      expect(inBrowser.rootHashHex).to.equal(
        Buffer.from(inCore.checkpoint.checkpoint.rootHash).toString('hex'),
      );
      expect(inBrowser.entry).to.deep.equal(inCore.entry);
    }
  });

  it('refuses an edited entry (its leaf is no longer under the root)', async () => {
    const receipt = receipts[3];
    await expectRefusal(
      { ...receipt, entry: receipt.entry.replace('trd_3', 'trd_9') },
      pem,
      'inclusion',
    );
  });

  it('refuses a receipt moved to another leaf index', async () => {
    const receipt = receipts[2];
    await expectRefusal({ ...receipt, leaf_index: 3 }, pem, 'inclusion');
  });

  it('refuses a truncated proof and a padded one', async () => {
    const receipt = receipts[0];
    await expectRefusal(
      { ...receipt, inclusion_proof: receipt.inclusion_proof.slice(1) },
      pem,
      'inclusion',
    );
    await expectRefusal(
      { ...receipt, inclusion_proof: [...receipt.inclusion_proof, receipt.inclusion_proof[0]] },
      pem,
      'inclusion',
    );
  });

  it('refuses a checkpoint whose text was changed after signing', async () => {
    const receipt = receipts[6];
    const lines = receipt.checkpoint.split('\n');
    lines[1] = String(Number(lines[1]) + 1);
    await expectRefusal({ ...receipt, checkpoint: lines.join('\n') }, pem, 'signature');
  });

  it('refuses a certificate of another key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const otherPem = createEd25519SignedCertificate(
      {
        serialHex: '01',
        issuer: [{ name: 'commonName', value: 'someone else' }],
        subject: [{ name: 'commonName', value: 'someone else' }],
        notBefore: new Date(Date.UTC(2026, 0, 1)),
        notAfter: new Date(Date.UTC(2027, 0, 1)),
        subjectPublicKeyInfoDer: publicKey.export({ format: 'der', type: 'spki' }),
        isCertificateAuthority: false,
      },
      privateKey,
    );
    await expectRefusal(receipts[1], otherPem, 'signature');
  });

  it("opens a party's commitments as core does, and refuses an altered opening", async () => {
    const outboxId = await gateway.db.transaction((trx) =>
      recordLedgerEvent(trx, gateway.clock, {
        kind: 'trade',
        trade_id: 'trd_committed',
        provider_organization_id: 'org_provider',
        buyer_organization_id: 'org_buyer',
        price_fen: 4200,
        purpose: '科研 research',
        entitlement: { columns: ['年龄段', 'visits'], expires_at_ms: 1_800_000_000_000 },
      }),
    );
    await gateway.services.ledger.flush();
    const receipt = (await gateway.services.ledger.receiptForOutboxEntry(outboxId, {
      memberId: 'mem_buyer',
      organizationId: 'org_buyer',
      roles: ['buyer'],
      apiKeyId: 'key_buyer',
    })) as ReceiptJson;
    expect(receipt.openings).to.have.property('price_fen');
    const inBrowser = await verifyReceipt(receipt, pem);
    const inCore = verifyReceiptInCore(
      receipt,
      gateway.services.ledger.trustedVerifiers(),
      gateway.services.ledger.hasher,
    );
    expect(inBrowser.openedEntry).to.deep.equal(inCore.openedEntry);
    expect(inBrowser.openedEntry).to.include({ price_fen: 4200, purpose: '科研 research' });
    const openings = receipt.openings as NonNullable<ReceiptJson['openings']>;
    await expectRefusal(
      { ...receipt, openings: { ...openings, price_fen: { ...openings.price_fen, value: 42 } } },
      pem,
      'opening',
    );
  });

  it('refuses what is not a receipt', async () => {
    await expectRefusal({ format: 'something/1' }, pem, 'format');
    await expectRefusal({ ...receipts[0], inclusion_proof: ['not base64!'] }, pem, 'inclusion');
  });
});
