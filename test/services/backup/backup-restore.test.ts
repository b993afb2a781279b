// Backup → wipe → restore → verify, on SQLite (and on PostgreSQL when DATABASE_URL is set): the
// restored gateway passes its ledger start check, serves the same download (same hash) and
// verifies the same receipt; a restore refuses a used data directory, another key and edited files.
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config.js';
import { ManualClock } from '../../../src/core/clock.js';
import {
  noteVerifiersFromCertificates,
  rfc9162Hasher as hasher,
  verifyReceipt,
} from '../../../src/core/ledger/index.js';
import { startGateway, type RunningGateway } from '../../../src/gateway.js';
import { createBackup } from '../../../src/services/backup/create-backup.js';
import { restoreBackup } from '../../../src/services/backup/restore-backup.js';
import { loadMasterKey } from '../../../src/store/master-key.js';
import { openBlobStore } from '../../../src/store/open-blob-store.js';
import { createGatewayListingFixture } from '../../helpers/buyer-workflow.js';
import { testDatabaseUrl } from '../../helpers/database.js';
import { TEST_START_MS, startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { codeOf } from '../../helpers/service-fixture.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Original {
  readonly downloadSha256: string;
  // A receipt is whatever the gateway sent; verifyReceipt parses it.
  readonly receipt: unknown;
  readonly certificates: string;
  readonly buyerKey: string;
  readonly entitlementId: string;
  readonly treeSize: number;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value) || tries > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A listing, a trade, its download and its receipt on a running gateway. */
async function tradeAndDownload(gateway: TestGateway): Promise<Original> {
  const provider = await gateway.createMember(['provider']);
  const buyer = await gateway.createMember(['buyer']);
  const listing = await createGatewayListingFixture(gateway, {
    providerOrganizationId: provider.organization.id,
  });
  const ordered = await gateway.request('POST', '/api/v1/orders', {
    key: buyer.key,
    body: { listingId: listing.listingId, purpose: 'research' },
    headers: { 'Idempotency-Key': 'backup-order' },
  });
  expect(ordered.status, ordered.text).to.equal(201);
  const entitlementId = ordered.json.entitlement.id as string;
  const download = await gateway.request('GET', `/api/v1/entitlements/${entitlementId}/download`, {
    key: buyer.key,
  });
  expect(download.status).to.equal(200);
  const receipt = await until(
    () =>
      gateway.request('GET', `/api/v1/trades/${ordered.json.trade.id}/receipt`, { key: buyer.key }),
    (reply) => reply.status === 200,
  );
  expect(receipt.status).to.equal(200);
  await gateway.services.ledger.flush();
  return {
    downloadSha256: sha256(download.text),
    receipt: receipt.json,
    certificates: (await gateway.request('GET', '/api/v1/ledger/certificate')).text,
    buyerKey: buyer.key,
    entitlementId,
    treeSize: (await gateway.services.ledger.latestCheckpoint()).treeSize,
  };
}

/** The configuration of the gateway a restore brings back: a new DATA_DIR and database. */
function restoredConfig(dataDir: string, schema: string): Config {
  const url = testDatabaseUrl();
  return loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(url.startsWith('postgres') ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : {}),
  });
}

describe('services/backup: backup → wipe → restore → verify', function () {
  this.timeout(120_000);
  const scratch = mkdtempSync(join(tmpdir(), 'anonex-backup-test-'));
  const backupDir = join(scratch, 'backup');
  const schema = `restore_${randomBytes(5).toString('hex')}`;
  let original: Original;
  let masterKey: Buffer;
  let restored: RunningGateway | undefined;

  before(async () => {
    const gateway = await startTestGateway();
    try {
      original = await tradeAndDownload(gateway);
      masterKey = loadMasterKey({ masterKey: undefined, dataDir: gateway.dataDir });
      // Taken while the gateway runs.
      const manifest = await createBackup(
        {
          db: gateway.db,
          blobs: await openBlobStore(gateway.config.blobStore, masterKey),
          masterKey,
          dataDir: gateway.dataDir,
          nowMs: gateway.clock.nowMs(),
        },
        backupDir,
      );
      expect(manifest.ledgerKeyFiles.length).to.be.greaterThan(0);
    } finally {
      await gateway.stop(); // drops the database and removes DATA_DIR: the wipe
    }
  });
  after(async () => {
    await restored?.stop();
    if (restored !== undefined && testDatabaseUrl().startsWith('postgres')) {
      const { openDatabase } = await import('../../../src/store/db.js');
      const db = await openDatabase({ url: testDatabaseUrl() });
      await db.raw('drop schema if exists ?? cascade', [schema]);
      await db.destroy();
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('never writes the master key or a private key in clear into the backup', () => {
    const manifest = readFileSync(join(backupDir, 'manifest.json'), 'utf8');
    const keys = readFileSync(join(backupDir, 'ledger-keys.json'), 'utf8');
    expect(manifest + keys).not.to.include(masterKey.toString('hex'));
    expect(keys).not.to.include('PRIVATE KEY');
    expect(keys).to.include('sealed:v1:');
  });

  it('refuses another master key, a used data directory and an edited file', async () => {
    const dataDir = join(scratch, 'refusals');
    const config = restoredConfig(dataDir, `${schema}_x`);
    expect(await codeOf(restoreBackup(backupDir, config, randomBytes(32)))).to.equal(
      'backup_master_key_mismatch',
    );
    writeFileSync(join(scratch, 'stray'), 'x');
    const used = restoredConfig(scratch, `${schema}_x`);
    expect(await codeOf(restoreBackup(backupDir, used, masterKey))).to.equal(
      'restore_target_not_empty',
    );
    const edited = join(scratch, 'edited');
    const { cpSync } = await import('node:fs');
    cpSync(backupDir, edited, { recursive: true });
    writeFileSync(join(edited, 'ledger-keys.json'), '{}\n');
    expect(await codeOf(restoreBackup(edited, config, masterKey))).to.equal('backup_unreadable');
    expect(await codeOf(createBackup({} as never, backupDir))).to.equal('backup_target_not_empty');
  });

  it('restores a gateway that passes its start check and serves the same download and receipt', async () => {
    const dataDir = join(scratch, 'restored');
    const config = restoredConfig(dataDir, schema);
    const outcome = await restoreBackup(backupDir, config, masterKey);
    expect(outcome.ledgerKeyFiles).to.be.greaterThan(0);
    writeFileSync(join(dataDir, 'master.key'), `${masterKey.toString('hex')}\n`, { mode: 0o600 });
    // startGateway runs the ledger start check and refuses a log that does not verify.
    restored = await startGateway(config, {
      clock: new ManualClock(TEST_START_MS + 60_000),
      announce: () => undefined,
    });
    expect((await restored.services.ledger.latestCheckpoint()).treeSize).to.equal(
      original.treeSize,
    );
    const download = await fetch(
      `${restored.url}/api/v1/entitlements/${original.entitlementId}/download`,
      { headers: { authorization: `Bearer ${original.buyerKey}` } },
    );
    expect(download.status).to.equal(200);
    expect(sha256(await download.text())).to.equal(original.downloadSha256);
    const certificates = await (await fetch(`${restored.url}/api/v1/ledger/certificate`)).text();
    expect(certificates).to.equal(original.certificates);
    const verified = verifyReceipt(
      original.receipt,
      noteVerifiersFromCertificates(certificates),
      hasher,
    );
    expect(verified.entry).to.include({ kind: 'trade' });
  });
});
