// Rows of the X.509 certificates the exchange issued to member organizations.
import type { Queryable } from '../db.js';

export interface MemberCertificateRow {
  readonly serial: string;
  readonly organizationId: string;
  readonly certificatePem: string;
  readonly certificateSha256: string;
  readonly issuedAtMs: number;
  readonly notAfterMs: number;
  readonly revokedAtMs: number | null;
}

type Record_ = {
  serial: string;
  organization_id: string;
  certificate_pem: string;
  certificate_sha256: string;
  issued_at_ms: number;
  not_after_ms: number;
  revoked_at_ms: number | null;
};

const toRow = (row: Record_): MemberCertificateRow => ({
  serial: row.serial,
  organizationId: row.organization_id,
  certificatePem: row.certificate_pem,
  certificateSha256: row.certificate_sha256,
  issuedAtMs: Number(row.issued_at_ms),
  notAfterMs: Number(row.not_after_ms),
  revokedAtMs: row.revoked_at_ms === null ? null : Number(row.revoked_at_ms),
});

export async function insertMemberCertificate(
  db: Queryable,
  row: MemberCertificateRow,
): Promise<void> {
  await db('ledger_member_certificates').insert({
    serial: row.serial,
    organization_id: row.organizationId,
    certificate_pem: row.certificatePem,
    certificate_sha256: row.certificateSha256,
    issued_at_ms: row.issuedAtMs,
    not_after_ms: row.notAfterMs,
    revoked_at_ms: row.revokedAtMs,
  });
}

export async function selectMemberCertificateBySha256(
  db: Queryable,
  sha256: string,
): Promise<MemberCertificateRow | undefined> {
  const row = (await db('ledger_member_certificates')
    .where({ certificate_sha256: sha256 })
    .first()) as Record_ | undefined;
  return row && toRow(row);
}

/** The organization's certificates, newest first. */
export async function selectMemberCertificates(
  db: Queryable,
  organizationId: string,
): Promise<MemberCertificateRow[]> {
  const rows = (await db('ledger_member_certificates')
    .where({ organization_id: organizationId })
    .orderBy('issued_at_ms', 'desc')) as Record_[];
  return rows.map(toRow);
}
