// The ledger API through the real gateway: public reads, proofs that verify, receipts, problems.
import { expect } from 'chai';
import forge from 'node-forge';
import {
  decodeBase64Strict,
  openCheckpoint,
  rfc9162Hasher as hasher,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
} from '../../src/core/ledger/index.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import { noteVerifiersFromCertificates } from '../../src/core/ledger/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const b64 = (text: string) => decodeBase64Strict(text) as Uint8Array;

describe('http ledger', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway({ env: { LEDGER_BATCH_MAX_ENTRIES: '4' } });
    for (let i = 0; i < 10; i++) {
      await gateway.db.transaction((trx) =>
        recordLedgerEvent(trx, gateway.clock, { kind: 'trade', trade_id: `trd_${i}` }),
      );
    }
    await gateway.services.ledger.flush();
  });
  after(() => gateway.stop());

  it('serves the certificate bundle and a checkpoint it verifies, without a key', async () => {
    const certificate = await gateway.request('GET', '/api/v1/ledger/certificate');
    expect(certificate.status).to.equal(200);
    expect(certificate.headers.get('content-type')).to.match(/^application\/x-pem-file/);
    const trusted = noteVerifiersFromCertificates(certificate.text);
    const reply = await gateway.request('GET', '/api/v1/ledger/checkpoint');
    expect(reply.status).to.equal(200);
    expect(reply.json.treeSize).to.equal(10);
    expect(
      openCheckpoint(reply.json.checkpoint, trusted, gateway.config.ledgerOrigin).checkpoint
        .treeSize,
    ).to.equal(10);
  });

  it('serves entries, inclusion proofs by index and hash, and consistency proofs that verify', async () => {
    const checkpoint = (await gateway.request('GET', '/api/v1/ledger/checkpoint')).json;
    const entries = (await gateway.request('GET', '/api/v1/ledger/entries?start=2&end=5')).json
      .entries;
    expect(entries.map((e: { leafIndex: number }) => e.leafIndex)).to.deep.equal([2, 3, 4]);
    const byIndex = (await gateway.request('GET', '/api/v1/ledger/proof/inclusion?index=3')).json;
    verifyInclusion(
      hasher,
      3,
      10,
      hasher.hashLeaf(Buffer.from(entries[1].entry)),
      byIndex.inclusionProof.map(b64),
      b64(checkpoint.rootHash),
    );
    const hex = Buffer.from(b64(entries[1].leafHash)).toString('hex');
    const byHash = (
      await gateway.request('GET', `/api/v1/ledger/proof/inclusion?hash=${hex}&size=8`)
    ).json;
    expect(byHash).to.include({ leafIndex: 3, treeSize: 8 });
    // The gateway's own sequencer runs too, so batch boundaries vary: take the first checkpoint.
    const first = await gateway.db('ledger_checkpoints').orderBy('tree_size').first();
    const firstSize = Number(first.tree_size);
    const consistency = (
      await gateway.request('GET', `/api/v1/ledger/proof/consistency?first=${firstSize}&second=10`)
    ).json;
    verifyConsistency(
      hasher,
      firstSize,
      10,
      consistency.consistencyProof.map(b64),
      new Uint8Array(first.root_hash),
      b64(checkpoint.rootHash),
    );
  });

  it('lists the keys with SPKI and note key id matching the checkpoint signature', async () => {
    const { keys } = (await gateway.request('GET', '/api/v1/ledger/keys')).json;
    expect(keys).to.have.length(1);
    const checkpoint = (await gateway.request('GET', '/api/v1/ledger/checkpoint')).json
      .checkpoint as string;
    const signature = Buffer.from(
      checkpoint.trimEnd().split('\n').at(-1)!.split(' ').at(-1)!,
      'base64',
    );
    expect(signature.subarray(0, 4).toString('hex')).to.equal(keys[0].noteKeyId);
    const spki = Buffer.from(keys[0].subjectPublicKeyInfo, 'base64');
    expect(spki.subarray(12).toString('base64')).to.equal(keys[0].publicKey);
    const key = await crypto.subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
    const text = checkpoint.slice(0, checkpoint.lastIndexOf('\n\n') + 1);
    expect(
      await crypto.subtle.verify('Ed25519', key, signature.subarray(4), Buffer.from(text)),
    ).to.equal(true);
  });

  it('serves a receipt that verifies offline', async () => {
    const reply = await gateway.request('GET', '/api/v1/ledger/receipts/6');
    expect(reply.status).to.equal(200);
    const trusted = noteVerifiersFromCertificates(
      (await gateway.request('GET', '/api/v1/ledger/certificate')).text,
    );
    expect(verifyReceipt(reply.json, trusted, hasher).entry).to.include({ trade_id: 'trd_6' });
  });

  const problems = [
    {
      path: '/api/v1/ledger/proof/consistency?first=0',
      status: 400,
      code: 'ledger_consistency_from_empty_tree',
    },
    {
      path: '/api/v1/ledger/proof/inclusion?index=3&size=11',
      status: 400,
      code: 'ledger_index_out_of_range',
    },
    {
      path: '/api/v1/ledger/proof/inclusion?index=10',
      status: 400,
      code: 'ledger_index_out_of_range',
    },
    {
      path: '/api/v1/ledger/proof/inclusion?hash=abcd',
      status: 400,
      code: 'ledger_invalid_hash_size',
    },
    {
      path: '/api/v1/ledger/proof/inclusion?index=1&hash=abcd',
      status: 400,
      code: 'validation_failed',
    },
    { path: '/api/v1/ledger/receipts/99', status: 404, code: 'not_found' },
    { path: '/api/v1/ledger/entries?start=5&end=2', status: 400, code: 'validation_failed' },
  ];
  for (const problem of problems) {
    it(`answers ${problem.path} with ${problem.status} ${problem.code}`, async () => {
      const reply = await gateway.request('GET', problem.path);
      expect(reply.status).to.equal(problem.status);
      expect(reply.json.code).to.equal(problem.code);
    });
  }

  it('issues member certificates to key holders and rotates keys for admins only', async () => {
    const buyer = await gateway.createMember(['buyer']);
    const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = keys.publicKey;
    csr.setSubject([{ name: 'commonName', value: 'buyer' }]);
    csr.sign(keys.privateKey, forge.md.sha256.create());
    const body = { csr: forge.pki.certificationRequestToPem(csr) };
    expect(
      (await gateway.request('POST', '/api/v1/ledger/member-certificates', { body })).status,
    ).to.equal(401);
    const issued = await gateway.request('POST', '/api/v1/ledger/member-certificates', {
      key: buyer.key,
      body,
    });
    expect(issued.status).to.equal(201);
    expect(issued.json.certificateSha256).to.match(/^[0-9a-f]{64}$/);
    expect(
      (await gateway.request('POST', '/api/v1/ledger/keys/rotate', { key: buyer.key })).status,
    ).to.equal(403);
    const rotated = await gateway.request('POST', '/api/v1/ledger/keys/rotate', {
      key: gateway.admin.key,
    });
    expect(rotated.status).to.equal(201);
    await gateway.services.ledger.flush();
    const bundle = (await gateway.request('GET', '/api/v1/ledger/certificate')).text;
    expect(noteVerifiersFromCertificates(bundle)).to.have.length(2);
  });
});
