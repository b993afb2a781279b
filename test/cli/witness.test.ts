// Witnesses end to end (issue 16, item 14): a member runs `anonex witness`, the gateway collects its
// cosignatures into the stored checkpoints, receipts and exports carry them and verify with
// `--witness`; a receipt without enough cosignatures fails naming the witness; a split view shown
// to the witness is refused and its evidence verifies offline.
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { CliIo } from '../../src/cli/cli-io.js';
import { createLedgerCommand } from '../../src/cli/commands/ledger.js';
import { createReceiptCommand } from '../../src/cli/commands/receipt.js';
import { createWitnessCommand } from '../../src/cli/commands/witness.js';
import { startWitnessServer, type RunningWitness } from '../../src/cli/witness-server.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import {
  ed25519NoteSigner,
  formatAddCheckpointRequest,
  signCheckpoint,
} from '../../src/core/ledger/index.js';
import type { LedgerError } from '../../src/core/ledger/index.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { sequentialIds } from '../../src/services/ids.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_START_MS } from '../helpers/gateway.js';

const origin = 'anonex.witness-test/ledger';

describe('cli witness: cosignatures in receipts and exports, split views refused', function () {
  this.timeout(60_000);
  let testDb: TestDatabase;
  let dir: string;
  let gateway: RunningGateway;
  let witness: RunningWitness;
  let vkey: string;
  let out: string[];
  const io: CliIo = { env: {}, out: (t) => void out.push(t), err: () => undefined };
  const cli = async (
    command: 'ledger' | 'receipt' | 'witness',
    args: string[],
  ): Promise<{ out: string; error: LedgerError | undefined }> => {
    out = [];
    const factories = {
      ledger: createLedgerCommand,
      receipt: createReceiptCommand,
      witness: createWitnessCommand,
    };
    const program = factories[command](io).exitOverride();
    try {
      await program.parseAsync(args, { from: 'user' });
      return { out: out.join(''), error: undefined };
    } catch (error) {
      return { out: out.join(''), error: error as LedgerError };
    }
  };
  const path = (name: string) => join(dir, name);
  const startWith = (env: Record<string, string>) =>
    startGateway(
      loadConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: path('data'),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        LEDGER_ORIGIN: origin,
        LEDGER_BATCH_MAX_ENTRIES: '3',
        LEDGER_WITNESS_INTERVAL_MS: '600000',
        ...env,
      }),
      {
        db: testDb.db,
        clock: new ManualClock(TEST_START_MS),
        ids: sequentialIds(),
        announce: () => undefined,
      },
    );

  before(async () => {
    testDb = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'anonex-witness-'));
    // The exchange exists first (its certificate is what the witness follows).
    const first = await startWith({});
    writeFileSync(path('exchange.pem'), await first.services.ledger.certificateBundle());
    await first.stop();
    vkey = (
      await cli('witness', ['init', '--dir', path('w1'), '--name', 'witness.member.example/w1'])
    ).out.trim();
    witness = await startWitnessServer({
      dir: path('w1'),
      logCertificatePem: readFileSync(path('exchange.pem'), 'utf8'),
      nowSeconds: () => 1_767_600_000,
    });
    gateway = await startWith({ LEDGER_WITNESSES: `${witness.url} ${vkey}` });
    for (let index = 0; index < 7; index++) {
      await testDb.db.transaction((trx) =>
        recordLedgerEvent(trx, gateway.deps.clock, { kind: 'trade', trade_id: `trd_${index}` }),
      );
    }
    await gateway.services.ledger.flush();
  });
  after(async () => {
    await gateway?.stop();
    await witness?.close();
    await testDb.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a receipt whose checkpoint no witness cosigned fails --witness, naming the witness', async () => {
    writeFileSync(
      path('early-receipt.json'),
      JSON.stringify(await gateway.services.ledger.receiptForLeaf(4)),
    );
    const result = await cli('receipt', [
      'verify',
      path('early-receipt.json'),
      '--cert',
      path('exchange.pem'),
      '--witness',
      vkey,
    ]);
    expect(result.error?.code).to.equal('ledger_insufficient_cosignatures');
    expect(result.error?.details.missing).to.deep.equal(['witness.member.example/w1']);
    // Without --witness the same receipt verifies as before.
    const plain = await cli('receipt', [
      'verify',
      path('early-receipt.json'),
      '--cert',
      path('exchange.pem'),
    ]);
    expect(plain.error).to.equal(undefined);
  });

  it('the gateway collects a cosignature on every checkpoint; receipts and exports carry it', async () => {
    // Three checkpoints (sizes 3, 6, 7), each submitted with a consistency proof from the last.
    expect(await gateway.services.witnessCollector.collect()).to.equal(3);
    expect(await gateway.services.witnessCollector.collect()).to.equal(0);
    writeFileSync(
      path('receipt.json'),
      JSON.stringify(await gateway.services.ledger.receiptForLeaf(4)),
    );
    const receipt = await cli('receipt', [
      'verify',
      path('receipt.json'),
      '--cert',
      path('exchange.pem'),
      '--witness',
      vkey,
      '--min-witnesses',
      '1',
    ]);
    expect(receipt.error).to.equal(undefined);
    expect(receipt.out).to.include(
      'witnessed by witness.member.example/w1 (2026-01-05T08:00:00.000Z)',
    );
    await gateway.services.ledger.exportLedger((line) => {
      writeFileSync(path('ledger.jsonl'), `${line}\n`, { flag: 'a' });
    });
    const verified = await cli('ledger', [
      'verify',
      path('ledger.jsonl'),
      '--cert',
      path('exchange.pem'),
      '--witness',
      vkey,
    ]);
    expect(verified.error).to.equal(undefined);
    expect(verified.out).to.match(
      /^OK: 7 entries, 3 checkpoints verified;.*\nwitnessed by witness\.member\.example\/w1/,
    );
    // The witness's own record: the latest checkpoint it cosigned.
    const state = JSON.parse(readFileSync(path('w1/state.json'), 'utf8'));
    expect(state[origin].treeSize).to.equal(7);
  });

  it('a split view shown to the witness is refused with evidence anyone verifies', async () => {
    // A second tree of size 7, signed with the exchange's own key: what a split view looks like.
    const keys = path('data/ledger/keys');
    const keyFile = readdirSync(keys).find((name) => name.endsWith('.key.pem')) as string;
    const signer = ed25519NoteSigner(origin, createPrivateKey(readFileSync(join(keys, keyFile))));
    const forked = signCheckpoint(
      { origin, treeSize: 7, rootHash: new Uint8Array(32).fill(9), extensions: [] },
      [signer],
    );
    const response = await fetch(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpointRequest({ oldSize: 7, consistencyProof: [], checkpoint: forked }),
    });
    expect(response.status).to.equal(409);
    writeFileSync(path('evidence.json'), await response.text());
    const proven = await cli('witness', [
      'verify-evidence',
      path('evidence.json'),
      '--cert',
      path('exchange.pem'),
      '--witness',
      vkey,
    ]);
    expect(proven.error).to.equal(undefined);
    expect(proven.out).to.equal(
      `PROVEN: ${origin} signed two different trees of size 7; refused by witness witness.member.example/w1\n`,
    );
    expect(readdirSync(path('w1/evidence'))).to.have.length(1);
    // The witness still holds the honest tree.
    expect(JSON.parse(readFileSync(path('w1/state.json'), 'utf8'))[origin].treeSize).to.equal(7);
  });
});
