import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { LedgerError } from '../../src/core/ledger/index.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { sequentialIds } from '../../src/services/ids.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_START_MS } from '../helpers/gateway.js';

describe('gateway start: the ledger start check', function () {
  this.timeout(30_000);
  let testDb: TestDatabase;
  let dataDir: string;
  const start = (): Promise<RunningGateway> =>
    startGateway(
      loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      {
        db: testDb.db,
        clock: new ManualClock(TEST_START_MS),
        ids: sequentialIds(),
        announce: () => undefined,
      },
    );

  beforeEach(async () => {
    testDb = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-start-check-'));
    const gateway = await start();
    for (let index = 0; index < 5; index++) {
      await testDb.db.transaction((trx) =>
        recordLedgerEvent(trx, gateway.deps.clock, { kind: 'trade', trade_id: `trd_${index}` }),
      );
    }
    await gateway.services.ledger.flush();
    await gateway.stop();
  });
  afterEach(async () => {
    await testDb.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts again over an untouched log', async () => {
    const gateway = await start();
    expect((await gateway.services.ledger.latestCheckpoint()).treeSize).to.equal(5);
    await gateway.stop();
  });

  it('starts with readiness flagged when the tables disagree with the ledger, and tells admins where', async () => {
    // The five trade entries above have no trade rows: the start reconciliation reports each.
    const gateway = await start();
    try {
      const readiness = await fetch(`${gateway.url}/readyz`);
      expect(readiness.status).to.equal(200);
      expect(await readiness.json()).to.include({
        ready: true,
        ledgerReconciliation: 'differences',
        ledgerDifferences: 5,
      });
      // The first start (beforeEach) saved the admin key.
      const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
      const report = await fetch(`${gateway.url}/api/v1/admin/ledger/reconciliation`, {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      expect(report.status).to.equal(200);
      const body = (await report.json()) as {
        scope: string;
        differences: { kind: string; id: string; description: string }[];
      };
      expect(body.scope).to.equal('full');
      expect(body.differences.map((d) => `${d.kind} ${d.id}`)).to.deep.equal(
        [0, 1, 2, 3, 4].map((index) => `row_missing trd_${index}`),
      );
      expect(body.differences[0].description).to.equal(
        'trade trd_0: ledger entry 0 records it, the database has no such row',
      );
    } finally {
      await gateway.stop();
    }
  });

  it('refuses to start over a log whose entry was edited in the database', async () => {
    await testDb
      .db('ledger_entries')
      .where({ leaf_index: 2 })
      .update({ entry_json: '{"kind":"trade","trade_id":"trd_forged"}' });
    const outcome = await start().then(
      async (gateway) => {
        await gateway.stop();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(outcome).to.be.instanceOf(LedgerError);
  });
});
