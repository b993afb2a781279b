// X.509 certificates signed with Ed25519: node-forge builds the ASN.1 (it cannot hold Ed25519 keys),
// node:crypto signs the TBSCertificate. The result is a plain RFC 5280 / RFC 8410 certificate that
// `openssl verify` and node's X509Certificate accept.
import { createHash, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1, pki } = forge;

/** id-Ed25519 (RFC 8410 §3): the AlgorithmIdentifier has no parameters. */
const ED25519_OID = '1.3.101.112';

export interface NameAttribute {
  readonly name: 'commonName' | 'organizationName' | 'countryName' | 'organizationalUnitName';
  readonly value: string;
}

export interface CertificateTemplate {
  /** Random positive serial, hex (at most 20 bytes, RFC 5280 §4.1.2.2). */
  readonly serialHex: string;
  readonly issuer: readonly NameAttribute[] | forge.pki.CertificateField[];
  readonly subject: readonly NameAttribute[] | forge.pki.CertificateField[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo of the certified key (Ed25519 from node:crypto, RSA from a CSR). */
  readonly subjectPublicKeyInfoDer: Buffer;
  readonly isCertificateAuthority: boolean;
  /** SHA-1 key identifier of the issuer (RFC 5280 §4.2.1.1); omitted for self-signed roots. */
  readonly authorityKeyIdentifier?: Buffer;
}

const der = (node: forge.asn1.Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const binary = (bytes: Buffer): string => bytes.toString('binary');

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value. */
export function subjectKeyIdentifier(subjectPublicKeyInfoDer: Buffer): Buffer {
  const spki = asn1.fromDer(binary(subjectPublicKeyInfoDer));
  const bitString = (spki.value as forge.asn1.Asn1[])[1].value as string;
  // The first byte of a BIT STRING's content counts unused bits; the key follows it.
  return createHash('sha1')
    .update(Buffer.from(bitString.slice(1), 'binary'))
    .digest();
}

function nameToAsn1(attributes: CertificateTemplate['subject']): forge.asn1.Asn1 {
  const holder = pki.createCertificate();
  holder.setSubject(attributes as forge.pki.CertificateField[]);
  return pki.distinguishedNameToAsn1(holder.subject);
}

function timeToAsn1(date: Date): forge.asn1.Asn1 {
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return date.getUTCFullYear() < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.GENERALIZEDTIME,
        false,
        asn1.dateToGeneralizedTime(date),
      );
}

function extensionsFor(template: CertificateTemplate): forge.asn1.Asn1 {
  const holder = pki.createCertificate();
  const ski = subjectKeyIdentifier(template.subjectPublicKeyInfoDer);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: template.isCertificateAuthority, critical: true },
    template.isCertificateAuthority
      ? {
          name: 'keyUsage',
          keyCertSign: true,
          cRLSign: true,
          digitalSignature: true,
          critical: true,
        }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    {
      name: 'subjectKeyIdentifier',
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, binary(ski)),
    },
  ];
  if (template.authorityKeyIdentifier !== undefined) {
    extensions.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: binary(template.authorityKeyIdentifier),
    });
  }
  holder.setExtensions(extensions);
  // Present in node-forge since 0.7 but missing from @types/node-forge.
  const toAsn1 = (
    pki as unknown as { certificateExtensionsToAsn1(extensions: unknown): forge.asn1.Asn1 }
  ).certificateExtensionsToAsn1;
  return toAsn1(holder.extensions);
}

/**
 * Builds the TBSCertificate of `template` and signs it with the issuer's Ed25519 key.
 * Returns the certificate as PEM.
 */
export function createEd25519SignedCertificate(
  template: CertificateTemplate,
  issuerKey: KeyObject,
): string {
  const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ED25519_OID).getBytes()),
  ]);
  const serial = Buffer.from(template.serialHex, 'hex');
  const tbs = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    // version v3 (2)
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(2).getBytes()),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, binary(serial)),
    algorithm,
    nameToAsn1(template.issuer),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      timeToAsn1(template.notBefore),
      timeToAsn1(template.notAfter),
    ]),
    nameToAsn1(template.subject),
    asn1.fromDer(binary(template.subjectPublicKeyInfoDer)),
    // certificateExtensionsToAsn1 already wraps the list in the [3] EXPLICIT tag.
    extensionsFor(template),
  ]);
  const signature = sign(null, der(tbs), issuerKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.OID,
        false,
        asn1.oidToDer(ED25519_OID).getBytes(),
      ),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${binary(signature)}`),
  ]);
  return forge.pem.encode(
    { type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() },
    { maxline: 64 },
  );
}

/** A positive serial of 16 random bytes, hex; the caller passes the randomness (no RNG here). */
export function serialFromRandom(random: Buffer): string {
  const bytes = Buffer.from(random.subarray(0, 16));
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}
