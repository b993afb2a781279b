// Identity services over a fresh test database, with the first-start administrator already made:
// for service tests that need organizations, members and keys without starting HTTP.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { ensureAdministrator } from '../../src/services/identity/index.js';
import { sequentialIds } from '../../src/services/ids.js';
import { createServices, type Services } from '../../src/services/index.js';
import { requestContext, type RequestContext } from '../../src/services/request-context.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { createTestDatabase } from './database.js';
import { TEST_START_MS } from './gateway.js';

export interface IdentityFixture {
  readonly deps: ServiceDeps;
  readonly services: Services;
  readonly clock: ManualClock;
  /** The administrator's context (request id `req-admin`). */
  readonly adminContext: RequestContext;
  readonly adminKey: string;
  destroy(): Promise<void>;
}

export async function createIdentityFixture(): Promise<IdentityFixture> {
  const testDb = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'anonex-identity-'));
  const clock = new ManualClock(TEST_START_MS);
  const deps: ServiceDeps = {
    db: testDb.db,
    clock,
    ids: sequentialIds(),
    blobs: new FileBlobStore(dataDir, randomBytes(32)),
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: pino({ level: 'silent' }),
  };
  const bootstrap = await ensureAdministrator(deps);
  if (bootstrap.kind !== 'created') throw new Error('expected a fresh database');
  const services = createServices(deps);
  const adminPrincipal = await services.authentication.authenticate(bootstrap.key);
  return {
    deps,
    services,
    clock,
    adminContext: requestContext(adminPrincipal, 'req-admin'),
    adminKey: bootstrap.key,
    async destroy() {
      await testDb.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
