// Member certificates issued from CSRs, and member signatures over canonical requests.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import forge from 'node-forge';
import { canonicalJson } from '../../../src/core/canonical-json.js';
import { MemberCertificateService } from '../../../src/services/ledger/index.js';
import { requestContext } from '../../../src/services/request-context.js';
import { createLedgerFixture, type LedgerFixture } from '../../helpers/ledger.js';

// One 2048-bit key for the file: forge's RSA generation is slow, the tests need not repeat it.
const memberKeys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });

function csrPem(keys = memberKeys, commonName = 'ignored by the exchange'): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([{ name: 'commonName', value: commonName }]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

function signRequest(request: unknown): string {
  const md = forge.md.sha256.create();
  md.update(canonicalJson(request), 'utf8');
  return forge.util.encode64(memberKeys.privateKey.sign(md));
}

describe('services/ledger member certificates', () => {
  let fixture: LedgerFixture;
  let service: MemberCertificateService;
  const buyer = requestContext(
    { memberId: 'mem_b', organizationId: 'org_buyer', roles: ['buyer'], apiKeyId: 'key_b' },
    'req-b',
  );

  beforeEach(async () => {
    fixture = await createLedgerFixture();
    service = new MemberCertificateService(fixture.deps, fixture.ledger);
  });
  afterEach(async () => {
    await fixture.destroy();
  });

  it('issues a certificate for the caller organization, chained to the exchange certificate', async function () {
    const issued = await service.issueCertificate(buyer, csrPem());
    const certificate = new X509Certificate(issued.certificatePem);
    expect(certificate.subject).to.include('CN=org_buyer');
    const exchange = new X509Certificate(await fixture.ledger.certificateBundle());
    expect(certificate.checkIssued(exchange)).to.equal(true);
    expect(certificate.verify(exchange.publicKey)).to.equal(true);
    expect((await service.certificatesOf('org_buyer')).map((c) => c.serial)).to.deep.equal([
      issued.serial,
    ]);
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    const ca = join(fixture.dataDir, 'exchange.pem');
    const member = join(fixture.dataDir, 'member.pem');
    writeFileSync(ca, await fixture.ledger.certificateBundle());
    writeFileSync(member, issued.certificatePem);
    expect(
      spawnSync('openssl', ['verify', '-CAfile', ca, member], { encoding: 'utf8' }).stdout.trim(),
    ).to.equal(`${member}: OK`);
  });

  it('refuses a CSR whose signature does not match its key, and garbage', async () => {
    const other = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
    const bad = forge.pki.createCertificationRequest();
    bad.publicKey = memberKeys.publicKey;
    bad.setSubject([{ name: 'commonName', value: 'x' }]);
    bad.sign(other.privateKey, forge.md.sha256.create());
    for (const pem of [forge.pki.certificationRequestToPem(bad), 'not a csr', csrPem(other)]) {
      const code = await service.issueCertificate(buyer, pem).then(
        () => 'issued',
        (error: { code: string }) => error.code,
      );
      expect(code).to.equal('ledger_malformed_certificate');
    }
  });

  it('verifies a member signature over the canonical request and records it for the entry', async () => {
    const issued = await service.issueCertificate(buyer, csrPem());
    const request = { listing_id: 'lst_1', purpose: 'research', price_cents: 1200 };
    const record = await service.verifyMemberSignature(
      fixture.deps.db,
      'org_buyer',
      { purpose: 'research', price_cents: 1200, listing_id: 'lst_1' },
      {
        certificateSha256: issued.certificateSha256,
        signatureBase64: signRequest(request),
      },
    );
    expect(record).to.include({
      algorithm: 'rsa-pkcs1-sha256',
      certificate_sha256: issued.certificateSha256,
      organization_id: 'org_buyer',
    });

    const refusals = [
      { org: 'org_buyer', request: { ...request, price_cents: 1 }, sha: issued.certificateSha256 },
      { org: 'org_other', request, sha: issued.certificateSha256 },
      { org: 'org_buyer', request, sha: '00'.repeat(32) },
    ];
    for (const refusal of refusals) {
      const code = await service
        .verifyMemberSignature(fixture.deps.db, refusal.org, refusal.request, {
          certificateSha256: refusal.sha,
          signatureBase64: signRequest(request),
        })
        .then(
          () => 'verified',
          (error: { code: string }) => error.code,
        );
      expect(code).to.equal('validation_failed');
    }
  });
});
