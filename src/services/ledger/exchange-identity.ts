// The exchange's checkpoint keys: Ed25519 private keys and their X.509 certificates under
// DATA_DIR/ledger/keys (0600), public parts and status in `ledger_keys`. The certificate files on
// disk, not the database, are the trust anchors of the start check: a row an attacker adds to the
// database cannot make the gateway trust a key.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  createEd25519SignedCertificate,
  ed25519NoteSigner,
  keyFingerprint,
  noteVerifierForKey,
  rawPublicKey,
  serialFromRandom,
  type NoteSigner,
  type NoteVerifier,
} from '../../core/ledger/index.js';
import { LedgerError } from '../../core/ledger/index.js';
import type { Clock } from '../../core/clock.js';
import type { Queryable } from '../../store/db.js';
import {
  insertLedgerKey,
  selectLedgerKeys,
  type LedgerKeyRow,
} from '../../store/repositories/ledger-keys.js';
import { hexKeyId } from '../../core/ledger/index.js';

/** Certificates of checkpoint keys are valid for ten years; rotation, not expiry, retires them. */
const CERTIFICATE_VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000;

export function ledgerKeysDirectory(dataDir: string): string {
  return join(dataDir, 'ledger', 'keys');
}

export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The distinguished name of the exchange: CN is the log origin, which is also the note key name. */
export function exchangeName(origin: string) {
  return [
    { name: 'commonName' as const, value: origin },
    { name: 'organizationName' as const, value: 'anonex exchange' },
  ];
}

/**
 * Creates a new Ed25519 checkpoint key and its self-signed certificate, writes both under
 * DATA_DIR/ledger/keys (0600) and returns the row to insert. The certificate is the trust anchor
 * that verifiers hold, so it is self-signed: CA:true, keyCertSign (it also issues member certificates).
 */
export function createCheckpointKey(
  dataDir: string,
  origin: string,
  nowMs: number,
): { row: LedgerKeyRow; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const name = exchangeName(origin);
  const certificatePem = createEd25519SignedCertificate(
    {
      serialHex: serialFromRandom(randomBytes(16)),
      issuer: name,
      subject: name,
      notBefore: new Date(nowMs - 60_000),
      notAfter: new Date(nowMs + CERTIFICATE_VALIDITY_MS),
      subjectPublicKeyInfoDer: spki,
      isCertificateAuthority: true,
    },
    privateKey,
  );
  const fingerprint = keyFingerprint(publicKey);
  const directory = ledgerKeysDirectory(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writePrivateFile(
    join(directory, `${fingerprint}.key.pem`),
    privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  writePrivateFile(join(directory, `${fingerprint}.cert.pem`), certificatePem);
  const raw = rawPublicKey(publicKey);
  const signer = ed25519NoteSigner(origin, privateKey);
  return {
    privateKey,
    row: {
      fingerprint,
      noteKeyId: hexKeyId(signer.keyId),
      keyName: origin,
      publicKey: raw,
      certificatePem,
      status: 'active',
      createdAtMs: nowMs,
      retiredAtMs: null,
    },
  };
}

/** Hex SHA-256 of a PEM certificate's DER: how ledger entries cite certificates. */
export function certificateSha256(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');
}

/** Keys known to the database, with private keys loaded for those that sign. */
export class ExchangeIdentity {
  private readonly privateKeys = new Map<string, KeyObject>();
  private readonly noteSigners = new Map<string, NoteSigner>();

  /**
   * `fetchKeys`, when the gateway shares its keys with others (ledger-key-sync.ts), brings key
   * files another gateway created (a rotation there) into DATA_DIR before a missing one is an error.
   */
  constructor(
    private readonly dataDir: string,
    private readonly origin: string,
    private readonly fetchKeys?: () => Promise<void>,
  ) {}

  /** Creates the first key when the database has none (first start). */
  async ensureKey(db: Queryable, clock: Clock): Promise<void> {
    const keys = await selectLedgerKeys(db);
    if (keys.length > 0) return;
    const { row, privateKey } = createCheckpointKey(this.dataDir, this.origin, clock.nowMs());
    await insertLedgerKey(db, row);
    this.privateKeys.set(row.fingerprint, privateKey);
  }

  /** Note signers of every active and retiring key, active first (both cosign a rotation). */
  async signers(db: Queryable): Promise<NoteSigner[]> {
    const keys = (await selectLedgerKeys(db)).filter((key) => key.status !== 'retired');
    keys.sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
    if (!keys.some((key) => key.status === 'active')) {
      throw new LedgerError('ledger_untrusted_signer', 'no active checkpoint key');
    }
    await this.fetchMissing(keys.map((key) => key.fingerprint));
    return keys.map((key) => {
      let signer = this.noteSigners.get(key.fingerprint);
      if (signer === undefined) {
        signer = ed25519NoteSigner(key.keyName, this.privateKey(key.fingerprint));
        this.noteSigners.set(key.fingerprint, signer);
      }
      return signer;
    });
  }

  private privateKey(fingerprint: string): KeyObject {
    const cached = this.privateKeys.get(fingerprint);
    if (cached) return cached;
    const path = join(ledgerKeysDirectory(this.dataDir), `${fingerprint}.key.pem`);
    if (!existsSync(path)) {
      throw new LedgerError(
        'ledger_untrusted_signer',
        `checkpoint key ${fingerprint.slice(0, 16)}… has no private key file under DATA_DIR`,
        {
          details: { fingerprint },
        },
      );
    }
    const key = createPrivateKey(readFileSync(path));
    if (keyFingerprint(createPublicKey(key)) !== fingerprint) {
      throw new LedgerError(
        'ledger_untrusted_signer',
        `private key file of ${fingerprint.slice(0, 16)}… holds another key`,
      );
    }
    this.privateKeys.set(fingerprint, key);
    return key;
  }

  /** Verifiers from the certificate files under DATA_DIR: the start check's trust anchors. */
  trustedVerifiers(): NoteVerifier[] {
    const directory = ledgerKeysDirectory(this.dataDir);
    if (!existsSync(directory)) return [];
    return readdirSync(directory)
      .filter((file) => file.endsWith('.cert.pem'))
      .sort()
      .map((file) => {
        const certificate = new X509Certificate(readFileSync(join(directory, file)));
        return noteVerifierForKey(this.origin, rawPublicKey(certificate.publicKey));
      });
  }

  /** The active key's private key (it issues member certificates) and certificate. */
  async activeKey(db: Queryable): Promise<{ row: LedgerKeyRow; privateKey: KeyObject }> {
    const row = (await selectLedgerKeys(db)).find((key) => key.status === 'active');
    if (row === undefined)
      throw new LedgerError('ledger_untrusted_signer', 'no active checkpoint key');
    await this.fetchMissing([row.fingerprint]);
    return { row, privateKey: this.privateKey(row.fingerprint) };
  }

  /** Runs `fetchKeys` when a key of `fingerprints` is neither loaded nor on disk. */
  private async fetchMissing(fingerprints: readonly string[]): Promise<void> {
    if (this.fetchKeys === undefined) return;
    const directory = ledgerKeysDirectory(this.dataDir);
    const missing = fingerprints.some(
      (fingerprint) =>
        !this.privateKeys.has(fingerprint) &&
        !existsSync(join(directory, `${fingerprint}.key.pem`)),
    );
    if (missing) await this.fetchKeys();
  }

  /** Remembers a key created by rotation in this process. */
  remember(fingerprint: string, privateKey: KeyObject): void {
    this.privateKeys.set(fingerprint, privateKey);
  }
}
