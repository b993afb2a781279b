// Issue 16, item 11: a real gateway on its own DATA_DIR (SQLite file, WAL, blobs, keys): every
// directory 0700 and every file 0600 after a start over a DATA_DIR an older version left 0755/0644;
// webhook secrets and fingerprint keys are nowhere in the database files in plaintext; values an
// older version stored in plaintext are sealed at the next start and still read.
import { expect } from 'chai';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { openFingerprintKey } from '../../src/services/orders/fingerprint-key.js';
import { fingerprintKeyBinding, webhookSecretBinding } from '../../src/store/sealed-secrets.js';
import { SecretBox } from '../../src/store/secret-box.js';
import { contextOf, createListingFixture } from '../helpers/buyer-workflow.js';

/** Every path under `root` (itself included) with its permission bits. */
function modesUnder(root: string): Map<string, number> {
  const modes = new Map<string, number>();
  const visit = (path: string) => {
    const stats = lstatSync(path);
    modes.set(path, stats.mode & 0o777);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return modes;
}

describe('DATA_DIR privacy and secrets at rest (a gateway on its own DATA_DIR)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let umask: number;
  let gateway: RunningGateway | undefined;
  const start = async () => {
    gateway = await startGateway(
      loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' }),
      { announce: () => undefined },
    );
    return gateway;
  };

  beforeEach(() => {
    umask = process.umask(0o022); // the usual default: files 0644, directories 0755
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-private-data-'));
    chmodSync(dataDir, 0o755);
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
    process.umask(umask);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every directory 0700 and every file 0600, and no secret in plaintext in the database', async () => {
    const running = await start();
    const listing = await createListingFixture(running.deps, { priceFen: 5000 });
    const buyer = contextOf('mem_buyer', 'org_buyer', ['buyer']);
    const { trade, entitlement } = await running.services.orders.placeOrder(buyer, {
      listingId: listing.listingId,
      purpose: 'research',
      intendedUse: 'a study of outpatient visits',
    });
    const download = await running.services.delivery.downloadEntitledData(
      buyer,
      entitlement.id,
      'csv',
    );
    for await (const _chunk of download.chunks) void _chunk;
    const { webhook, secret } = await running.services.webhooks.createWebhook(buyer, {
      url: 'https://buyer.example/hooks',
    });
    const storedTrade = await running.deps.db('trades').where({ id: trade.id }).first();
    const fingerprintKeyHex = openFingerprintKey(running.deps.secrets, {
      id: trade.id,
      sealedFingerprintKey: String(storedTrade.fingerprint_key),
    }).toString('hex');

    const files = ['anonex.sqlite', 'anonex.sqlite-wal', 'anonex.sqlite-shm'];
    for (const file of files) expect(existsSync(join(dataDir, file)), file).to.equal(true);
    const databaseBytes = Buffer.concat(files.map((file) => readFileSync(join(dataDir, file))));
    for (const [what, plaintext] of [
      ['webhook secret', secret],
      ['fingerprint key', fingerprintKeyHex],
    ]) {
      expect(databaseBytes.includes(Buffer.from(plaintext, 'utf8')), what).to.equal(false);
      expect(databaseBytes.includes(Buffer.from(plaintext, 'hex')), `${what} bytes`).to.equal(
        false,
      );
    }
    const storedWebhook = await running.deps
      .db('webhook_subscriptions')
      .where({ id: webhook.id })
      .first();
    expect(SecretBox.isSealed(String(storedWebhook.secret))).to.equal(true);

    const modes = modesUnder(dataDir);
    expect([...modes.keys()]).to.include.members([
      join(dataDir, 'master.key'),
      join(dataDir, 'admin.key'),
      join(dataDir, 'blobs'),
      join(dataDir, 'ledger', 'keys'),
    ]);
    for (const [path, mode] of modes) {
      const want = lstatSync(path).isDirectory() ? 0o700 : 0o600;
      expect(mode.toString(8), path).to.equal(want.toString(8));
    }
  });

  it('removes at start the temp files of uploads a killed process never finished', async () => {
    const first = await start();
    const kept = await first.deps.blobs.put(Buffer.from('a,b\n1,2\n'), { raw: true });
    await first.stop();
    gateway = undefined;
    const killed = join(dataDir, 'blobs', '.tmp-0123456789abcdef');
    writeFileSync(killed, 'the first megabyte of an upload', { mode: 0o600 });
    const second = await start();
    expect(existsSync(killed)).to.equal(false);
    expect(await second.deps.blobs.has(kept.sha256)).to.equal(true);
  });

  it('tightens a DATA_DIR an older version left open, and seals the plaintext secrets it stored', async () => {
    const first = await start();
    const listing = await createListingFixture(first.deps);
    const buyer = contextOf('mem_buyer', 'org_buyer', ['buyer']);
    const { trade } = await first.services.orders.placeOrder(buyer, {
      listingId: listing.listingId,
      purpose: 'research',
      intendedUse: 'a study of outpatient visits',
    });
    const { webhook } = await first.services.webhooks.createWebhook(buyer, {
      url: 'https://buyer.example/hooks',
    });
    // What an older version stored: the values in plaintext, the files world-readable.
    const plainKey = 'ab'.repeat(32);
    const plainSecret = 'cd'.repeat(32);
    await first.deps.db('trades').where({ id: trade.id }).update({ fingerprint_key: plainKey });
    await first.deps
      .db('webhook_subscriptions')
      .where({ id: webhook.id })
      .update({ secret: plainSecret });
    await first.stop();
    gateway = undefined;
    for (const [path] of modesUnder(dataDir))
      chmodSync(path, lstatSync(path).isDirectory() ? 0o755 : 0o644);

    const second = await start();
    const storedTrade = await second.deps.db('trades').where({ id: trade.id }).first();
    const storedWebhook = await second.deps
      .db('webhook_subscriptions')
      .where({ id: webhook.id })
      .first();
    expect(
      second.deps.secrets.open(
        String(storedTrade.fingerprint_key),
        fingerprintKeyBinding(trade.id),
      ),
    ).to.equal(plainKey);
    expect(
      second.deps.secrets.open(String(storedWebhook.secret), webhookSecretBinding(webhook.id)),
    ).to.equal(plainSecret);
    for (const [path, mode] of modesUnder(dataDir)) {
      const want = lstatSync(path).isDirectory() ? 0o700 : 0o600;
      expect(mode.toString(8), path).to.equal(want.toString(8));
    }
  });
});
