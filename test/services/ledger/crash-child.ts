// Child process of crash.test.ts: sequences the outbox of DATA_DIR's SQLite database and kills
// itself with SIGKILL inside batch number CRASH_AT_BATCH, after the batch is written and before its
// checkpoint: a real crash, with no chance to roll back or close anything.
import pino from 'pino';
import { loadConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/core/clock.js';
import { sequentialIds } from '../../../src/services/ids.js';
import { LedgerService } from '../../../src/services/ledger/index.js';
import { openDatabase } from '../../../src/store/db.js';

const config = loadConfig(process.env);
const db = await openDatabase({ url: config.databaseUrl });
const crashAtBatch = Number(process.env.CRASH_AT_BATCH ?? 1);
let batches = 0;
const ledger = new LedgerService(
  {
    db,
    readDb: db,
    clock: systemClock,
    ids: sequentialIds(),
    blobs: undefined as never,
    secrets: undefined as never,
    config,
    logger: pino({ level: 'silent' }),
  },
  {
    faults: {
      afterBatchWrite: () => {
        if (++batches === crashAtBatch) process.kill(process.pid, 'SIGKILL');
      },
    },
  },
);
await ledger.flush();
process.stdout.write('not crashed\n');
await db.destroy();
