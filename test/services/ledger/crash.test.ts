// A real crash (SIGKILL) between a batch's write and its checkpoint, on a SQLite file: the restarted
// gateway passes its start check, loses nothing and signs every event exactly once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import pino from 'pino';
import { loadConfig, type Config } from '../../../src/config.js';
import { systemClock } from '../../../src/core/clock.js';
import { rfc9162Hasher as hasher, verifyLedgerExport } from '../../../src/core/ledger/index.js';
import { sequentialIds } from '../../../src/services/ids.js';
import { recordLedgerEvent } from '../../../src/services/ledger-outbox.js';
import { LedgerService } from '../../../src/services/ledger/index.js';
import { openDatabase, type Database } from '../../../src/store/db.js';
import { migrateToLatest } from '../../../src/store/migrate.js';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

function ledgerOf(db: Database, config: Config): LedgerService {
  return new LedgerService({
    db,
    readDb: db,
    clock: systemClock,
    ids: sequentialIds(),
    blobs: undefined as never,
    secrets: undefined as never,
    config,
    logger: pino({ level: 'silent' }),
  });
}

describe('services/ledger crash recovery (SIGKILL, SQLite file)', () => {
  /** The child must open the same SQLite file, whatever DATABASE_URL this run uses. */
  const childEnv = (crashAtBatch: number): NodeJS.ProcessEnv => {
    const childEnvironment: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      CRASH_AT_BATCH: String(crashAtBatch),
    };
    delete childEnvironment.DATABASE_URL;
    delete childEnvironment.DATABASE_SCHEMA;
    return childEnvironment;
  };
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let config: Config;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-crash-'));
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', LEDGER_BATCH_MAX_ENTRIES: '4' };
    config = loadConfig(env);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const crashAtBatch of [1, 3]) {
    it(`recovers when killed inside batch ${crashAtBatch}`, async () => {
      let db = await openDatabase({ url: config.databaseUrl });
      await migrateToLatest(db);
      await ledgerOf(db, config).open();
      for (let i = 0; i < 10; i++) {
        await db.transaction((trx) =>
          recordLedgerEvent(trx, systemClock, { kind: 'trade', trade_id: `trd_${i}` }),
        );
      }
      await db.destroy();

      const result = spawnSync(process.execPath, ['--import', 'tsx', child], {
        env: childEnv(crashAtBatch),
        encoding: 'utf8',
      });
      expect(result.signal, result.stderr).to.equal('SIGKILL');

      db = await openDatabase({ url: config.databaseUrl });
      try {
        const ledger = ledgerOf(db, config);
        expect((await ledger.open()).treeSize).to.equal((crashAtBatch - 1) * 4);
        expect(await ledger.pendingCount()).to.equal(10 - (crashAtBatch - 1) * 4);
        await ledger.flush();
        const lines: string[] = [];
        await ledger.exportLedger((line) => void lines.push(line));
        const report = verifyLedgerExport(lines.join('\n'), {
          hasher,
          trusted: ledger.trustedVerifiers(),
        });
        expect(report.treeSize).to.equal(10);
        const tradeIds = lines
          .slice(1)
          .filter((l) => l.includes('leaf_index'))
          .map((l) => JSON.parse(JSON.parse(l).entry).trade_id);
        expect(tradeIds).to.deep.equal([...Array(10).keys()].map((i) => `trd_${i}`));
      } finally {
        await db.destroy();
      }
    });
  }
});
