// ServiceDeps over a fresh test database and a temporary blob store, with a ManualClock: the one
// set-up the identity, provider-workflow and buyer-workflow fixtures build on, and the principals
// and rejection codes their tests share.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AnonexError } from '../../src/core/errors.js';
import type { Role } from '../../src/domain/index.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { sequentialIds } from '../../src/services/ids.js';
import type { Principal } from '../../src/services/principal.js';
import { requestContext, type RequestContext } from '../../src/services/request-context.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { SecretBox } from '../../src/store/secret-box.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ServiceFixture {
  readonly deps: ServiceDeps;
  readonly clock: ManualClock;
  readonly testDb: TestDatabase;
  readonly dataDir: string;
  destroy(): Promise<void>;
}

export interface ServiceFixtureOptions {
  /** Where the ManualClock starts. */
  readonly startMs: number;
  /** Prefix of the temporary data directory, naming the suite that made it. */
  readonly tempPrefix: string;
  /** Settings passed to loadConfig beside DATA_DIR and LOG_LEVEL. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function createServiceFixture(
  options: ServiceFixtureOptions,
): Promise<ServiceFixture> {
  const testDb = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), options.tempPrefix));
  const clock = new ManualClock(options.startMs);
  const masterKey = randomBytes(32);
  const deps: ServiceDeps = {
    db: testDb.db,
    readDb: testDb.db,
    clock,
    ids: sequentialIds(),
    blobs: new FileBlobStore(dataDir, masterKey),
    secrets: new SecretBox(masterKey),
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env }),
    logger: pino({ level: 'silent' }),
  };
  return {
    deps,
    clock,
    testDb,
    dataDir,
    async destroy() {
      await testDb.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request context for a member of `organizationId` holding `roles`. */
export function contextOf(
  memberId: string,
  organizationId: string,
  roles: readonly Role[],
): RequestContext {
  const principal: Principal = { memberId, organizationId, roles, apiKeyId: `key_${memberId}` };
  return requestContext(principal, `req_${memberId}`);
}

/** The `code` of the error `promise` rejects with; a promise that resolves fails the test. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}

/** The typed error `promise` rejects with (code, details, field issues); resolving fails the test. */
export async function errorOf(promise: Promise<unknown>): Promise<AnonexError<string>> {
  try {
    await promise;
  } catch (error) {
    return error as AnonexError<string>;
  }
  throw new Error('expected a rejection');
}
