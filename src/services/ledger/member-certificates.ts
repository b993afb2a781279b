// Member certificates: organizations submit a PKCS#10 CSR, the exchange issues an X.509 certificate
// (signed by its active key), and orders or access decisions may then carry the member's signature
// over the canonical request, recorded in the ledger entry so neither side can deny it later.
import { createHash, randomBytes, verify as verifySignature, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { canonicalJson } from '../../core/canonical-json.js';
import {
  LedgerError,
  createEd25519SignedCertificate,
  serialFromRandom,
  subjectKeyIdentifier,
} from '../../core/ledger/index.js';
import type { Queryable } from '../../store/db.js';
import {
  insertMemberCertificate,
  selectMemberCertificateBySha256,
  selectMemberCertificates,
  type MemberCertificateRow,
} from '../../store/repositories/ledger-member-certificates.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { validationFailed } from '../errors.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import type { LedgerService } from './ledger-service.js';

const MEMBER_CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600 * 1000;
const MAX_CSR_CHARS = 16 * 1024;

/** What a ledger entry records of a member's signature (the `member_signature` field). */
export interface MemberSignatureRecord {
  readonly algorithm: 'rsa-pkcs1-sha256';
  /** Hex SHA-256 of the DER certificate the exchange issued to the signer. */
  readonly certificate_sha256: string;
  readonly organization_id: string;
  /** Hex SHA-256 of the canonical JSON (RFC 8785) of the signed request. */
  readonly request_sha256: string;
  /** base64 signature over the canonical JSON bytes. */
  readonly signature: string;
}

export interface IssuedCertificate {
  readonly serial: string;
  readonly certificatePem: string;
  readonly certificateSha256: string;
  readonly notAfterMs: number;
}

export class MemberCertificateService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Issues a certificate for the caller's own organization from a PKCS#10 CSR (PEM, RSA key, signed).
   * Subject is fixed by the exchange: CN = organization id, whatever the CSR asked for.
   */
  async issueCertificate(context: RequestContext, csrPem: string): Promise<IssuedCertificate> {
    requireRole(context.principal, 'admin', 'provider', 'buyer');
    const csr = parseCsr(csrPem);
    await this.ledger.open();
    const { row: issuer, privateKey } = await this.ledger.identity.activeKey(this.deps.db);
    const issuerCertificate = new X509Certificate(issuer.certificatePem);
    const issuerSpki = issuerCertificate.publicKey.export({ format: 'der', type: 'spki' });
    const nowMs = this.deps.clock.nowMs();
    const notAfterMs = nowMs + MEMBER_CERTIFICATE_VALIDITY_MS;
    const serial = serialFromRandom(randomBytes(16));
    const certificatePem = createEd25519SignedCertificate(
      {
        serialHex: serial,
        issuer: [
          { name: 'commonName', value: issuer.keyName },
          { name: 'organizationName', value: 'anonex exchange' },
        ],
        subject: [
          { name: 'commonName', value: context.principal.organizationId },
          { name: 'organizationalUnitName', value: 'anonex member' },
        ],
        notBefore: new Date(nowMs - 60_000),
        notAfter: new Date(notAfterMs),
        subjectPublicKeyInfoDer: Buffer.from(
          forge.asn1
            .toDer(forge.pki.publicKeyToAsn1(csr.publicKey as forge.pki.PublicKey))
            .getBytes(),
          'binary',
        ),
        isCertificateAuthority: false,
        authorityKeyIdentifier: subjectKeyIdentifier(issuerSpki),
      },
      privateKey,
    );
    const certificateSha256 = createHash('sha256')
      .update(new X509Certificate(certificatePem).raw)
      .digest('hex');
    await this.deps.db.transaction(async (trx) => {
      await insertMemberCertificate(trx, {
        serial,
        organizationId: context.principal.organizationId,
        certificatePem,
        certificateSha256,
        issuedAtMs: nowMs,
        notAfterMs,
        revokedAtMs: null,
      });
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'member_certificate.issued',
        target: serial,
      });
    });
    return { serial, certificatePem, certificateSha256, notAfterMs };
  }

  async certificatesOf(organizationId: string): Promise<MemberCertificateRow[]> {
    return selectMemberCertificates(this.deps.db, organizationId);
  }

  /**
   * Checks a member's signature over `request` (RSASSA-PKCS1-v1_5, SHA-256, over its canonical JSON)
   * with a certificate the exchange issued to `organizationId`, valid at the clock's now; returns the
   * record to put into the ledger event as `member_signature`. Call it inside the caller's transaction.
   */
  async verifyMemberSignature(
    db: Queryable,
    organizationId: string,
    request: unknown,
    signature: { certificateSha256: string; signatureBase64: string },
  ): Promise<MemberSignatureRecord> {
    const invalid = (reason: string) =>
      validationFailed(`member signature: ${reason}`, [{ field: 'member_signature', reason }]);
    const certificate = await selectMemberCertificateBySha256(db, signature.certificateSha256);
    if (certificate === undefined || certificate.organizationId !== organizationId)
      throw invalid('unknown certificate');
    const nowMs = this.deps.clock.nowMs();
    if (certificate.revokedAtMs !== null || certificate.notAfterMs < nowMs)
      throw invalid('certificate revoked or expired');
    const message = Buffer.from(canonicalJson(request), 'utf8');
    const signatureBytes = Buffer.from(signature.signatureBase64, 'base64');
    const publicKey = new X509Certificate(certificate.certificatePem).publicKey;
    if (!verifySignature('sha256', message, publicKey, signatureBytes))
      throw invalid('signature does not verify');
    return {
      algorithm: 'rsa-pkcs1-sha256',
      certificate_sha256: certificate.certificateSha256,
      organization_id: organizationId,
      request_sha256: createHash('sha256').update(message).digest('hex'),
      signature: signatureBytes.toString('base64'),
    };
  }
}

function parseCsr(csrPem: string): forge.pki.CertificateSigningRequest {
  const refuse = (reason: string) =>
    new LedgerError('ledger_malformed_certificate', `certificate signing request: ${reason}`, {
      issues: [{ field: 'csr', reason }],
    });
  if (typeof csrPem !== 'string' || csrPem.length > MAX_CSR_CHARS)
    throw refuse('want a PEM CSR under 16 KiB');
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch {
    throw refuse('not a PEM PKCS#10 request with an RSA key');
  }
  let selfSigned = false;
  try {
    selfSigned = csr.verify();
  } catch {
    selfSigned = false;
  }
  if (!selfSigned) throw refuse('its self-signature does not verify');
  const bits = (csr.publicKey as forge.pki.rsa.PublicKey).n.bitLength();
  if (bits < 2048) throw refuse(`RSA key of ${bits} bits, want at least 2048`);
  return csr;
}
