// A ledger over a fresh test database and a temporary DATA_DIR, for the ledger service tests.
import type { ManualClock } from '../../src/core/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { recordLedgerEvent, type LedgerEvent } from '../../src/services/ledger-outbox.js';
import { LedgerService, type LedgerServiceOptions } from '../../src/services/ledger/index.js';
import type { Principal } from '../../src/services/principal.js';
import { requestContext, type RequestContext } from '../../src/services/request-context.js';
import type { TestDatabase } from './database.js';
import { createServiceFixture } from './service-fixture.js';

export const LEDGER_TEST_START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface LedgerFixture {
  readonly testDb: TestDatabase;
  readonly deps: ServiceDeps;
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly ledger: LedgerService;
  readonly adminContext: RequestContext;
  /** Another LedgerService over the same database and DATA_DIR: a restarted gateway. */
  restart(options?: LedgerServiceOptions): LedgerService;
  /** Records `count` trade events, each in its own transaction; returns their outbox ids. */
  record(count: number, extra?: Record<string, unknown>): Promise<number[]>;
  destroy(): Promise<void>;
}

export async function createLedgerFixture(
  options: LedgerServiceOptions & { batchMaxEntries?: number } = {},
): Promise<LedgerFixture> {
  const { testDb, deps, clock, dataDir, destroy } = await createServiceFixture({
    startMs: LEDGER_TEST_START_MS,
    tempPrefix: 'anonex-ledger-',
    env: {
      LEDGER_ORIGIN: 'anonex.test/ledger',
      LEDGER_BATCH_MAX_ENTRIES: String(options.batchMaxEntries ?? 256),
      LEDGER_BATCH_MAX_MS: '20',
    },
  });
  const admin: Principal = {
    memberId: 'mem_admin',
    organizationId: 'org_exchange',
    roles: ['admin'],
    apiKeyId: 'key_admin',
  };
  let counter = 0;
  return {
    testDb,
    deps,
    clock,
    dataDir,
    ledger: new LedgerService(deps, options),
    adminContext: requestContext(admin, 'req-ledger'),
    restart: (restartOptions = {}) => new LedgerService(deps, restartOptions),
    async record(count, extra = {}) {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        counter++;
        const event: LedgerEvent = {
          kind: 'trade',
          trade_id: `trd_${String(counter).padStart(6, '0')}`,
          ...extra,
        };
        ids.push(await deps.db.transaction((trx) => recordLedgerEvent(trx, clock, event)));
        clock.advance(1);
      }
      return ids;
    },
    destroy,
  };
}
