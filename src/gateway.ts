// The composition root: config → database → migrations → blob store → services → first-start
// admin → app → listen → background workers; and the graceful stop that undoes it in reverse.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import { createApp, type GatewayApp } from './http/app.js';
import { answerClientErrors } from './http/client-errors.js';
import type { RouterFactory } from './http/routes/index.js';
import { createLogger } from './logger.js';
import type { ServiceDeps } from './services/deps.js';
import { randomIds, type IdGenerator } from './services/ids.js';
import { ensureAdministrator, type BootstrapOutcome } from './services/identity/index.js';
import {
  createBackgroundWorkers,
  createServices,
  type BackgroundWorker,
  type Services,
} from './services/index.js';
import { closeReadDatabase, openDatabase, openReadDatabase, type Database } from './store/db.js';
import { loadMasterKey } from './store/master-key.js';
import { migrateExclusively } from './store/migrate-exclusively.js';
import { openBlobStore } from './store/open-blob-store.js';
import { makeDataDirectoryPrivate } from './store/private-data-dir.js';
import { sealPlaintextSecrets } from './store/sealed-secrets.js';
import { SecretBox } from './store/secret-box.js';
import { consoleMount } from './web/index.js';
import { SOFTWARE } from './software.js';

/** What tests (and embedders) may replace; everything else comes from Config. */
export interface GatewayOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
  /** An open database owned by the caller: the gateway migrates it but does not close it. */
  readonly db?: Database;
  /** Where the first-start admin key notice goes; default stdout. */
  readonly announce?: (line: string) => void;
  readonly newRequestId?: () => string;
  /** Replace the API routers (tests of the HTTP conventions); default routes/index.ts. */
  readonly routers?: readonly RouterFactory[];
}

export interface RunningGateway {
  /** e.g. `http://127.0.0.1:8080` (the actual port when PORT=0). */
  readonly url: string;
  readonly server: Server;
  readonly deps: ServiceDeps;
  readonly services: Services;
  readonly app: GatewayApp;
  readonly bootstrap: BootstrapOutcome;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_GRACE_MS), stops workers, closes the db. */
  stop(): Promise<void>;
}

/** Opens (or takes) the database and brings it to the latest schema. */
async function openMigratedDatabase(
  config: Config,
  given: Database | undefined,
): Promise<Database> {
  const db =
    given ??
    (await openDatabase({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      poolMax: config.databasePoolMax,
    }));
  await migrateExclusively(db);
  return db;
}

/** Builds everything below the HTTP layer; the CLI's admin commands use this too. */
export async function composeServices(
  config: Config,
  overrides: GatewayOverrides = {},
): Promise<{ deps: ServiceDeps; services: Services; bootstrap: BootstrapOutcome }> {
  const logger = overrides.logger ?? createLogger(config);
  // Before anything opens a file there: the database, its WAL and SHM are born owner-only.
  const tightened = makeDataDirectoryPrivate(config.dataDir);
  if (tightened.length > 0) {
    logger.warn(
      { count: tightened.length, paths: tightened.slice(0, 20).map((entry) => entry.path) },
      'DATA_DIR: group and other permissions removed',
    );
  }
  const db = await openMigratedDatabase(config, overrides.db);
  return releasingOnFailure(db, overrides.db === undefined, async () => {
    const masterKey = loadMasterKey(config);
    const blobs = await openBlobStore(config.blobStore, masterKey);
    const secrets = new SecretBox(masterKey);
    const sealed = await sealPlaintextSecrets(db, secrets);
    if (sealed > 0)
      logger.info({ sealed }, 'secrets stored in plaintext sealed under the master key');
    // A database the caller owns is theirs to read too (tests hand in their own, often in memory).
    const readDb =
      overrides.db === undefined
        ? openReadDatabase(db, config.databaseUrl, config.sqliteReadThreads)
        : db;
    const deps: ServiceDeps = {
      db,
      readDb,
      clock: overrides.clock ?? systemClock,
      ids: overrides.ids ?? randomIds,
      blobs,
      secrets,
      config,
      logger,
    };
    const bootstrap = await ensureAdministrator(deps);
    if (bootstrap.kind === 'created') {
      saveAdminKey(config.dataDir, bootstrap.key);
      // stderr, the terminal: stdout is the JSON log stream operators ship to collectors, and the
      // key must never reach a log. The 0600 file is the other copy.
      const announce = overrides.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
      announce(`anonex: first start: created admin member ${bootstrap.administrator.id}`);
      announce(
        `anonex: admin API key (shown once, also saved to ${join(config.dataDir, 'admin.key')}):`,
      );
      announce(bootstrap.key);
    }
    return { deps, services: createServices(deps), bootstrap };
  });
}

/**
 * Runs the rest of a start over an open database and closes that database (when the gateway owns
 * it) if the start fails: an open connection pool would keep a refused process alive with no
 * listener (issue 16, item 6), so a refusal must release what it opened before it is reported.
 */
async function releasingOnFailure<T>(
  db: Database,
  ownsDatabase: boolean,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (ownsDatabase) await db.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the temp files (temp objects, incomplete multipart uploads) of uploads a killed process
 * never finished: a local DATA_DIR belongs to this gateway, so all of them; a shared bucket's only
 * past a day, since younger ones may be another gateway's upload in progress. Their times are
 * wall-clock, so is the cut-off (not the injected clock).
 */
async function sweepInterruptedWrites(deps: ServiceDeps): Promise<void> {
  const removed = await deps.blobs.sweepStaging(systemClock.nowMs());
  if (removed > 0) {
    deps.logger.info({ removed }, 'blob store: staging left by interrupted writes removed');
  }
}

/** DATA_DIR/admin.key, readable by the owner only. */
function saveAdminKey(dataDir: string, key: string): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'admin.key');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export async function startGateway(
  config: Config,
  overrides: GatewayOverrides = {},
): Promise<RunningGateway> {
  const { deps, services, bootstrap } = await composeServices(config, overrides);
  // The ledger start check (recompute the latest checkpoint's root from the stored log): a log
  // that was edited, cut or forked stops the gateway here rather than being served or extended.
  // The refusal is logged, the database closed and the error thrown: `anonex serve` prints the
  // defect and exits 1 (docs/security.md, "What the gateway checks at start").
  await releasingOnFailure(deps.db, overrides.db === undefined, () =>
    services.ledger.open().catch((error: unknown) => {
      deps.logger.fatal({ err: error }, 'ledger start check failed: refusing to start');
      throw error;
    }),
  );
  // The tables against the ledger (issue 16, item 7): differences are logged and flagged on
  // /readyz and GET /admin/ledger/reconciliation, and the gateway starts (docs/security.md).
  await services.reconciliation.checkAtStart().catch((error: unknown) => {
    deps.logger.error({ err: error }, 'ledger reconciliation at start could not run');
  });
  await sweepInterruptedWrites(deps);
  const app = createApp(services, {
    logger: deps.logger,
    jsonBodyLimit: config.jsonBodyLimit,
    newRequestId: overrides.newRequestId,
    routers: overrides.routers,
    webMounts: [consoleMount],
    version: SOFTWARE.version,
  });
  const server = app.app.listen(config.port, config.host);
  answerClientErrors(server, {
    logger: deps.logger,
    newRequestId: overrides.newRequestId ?? randomUUID,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const workers = createBackgroundWorkers(deps, services);
  for (const worker of workers) worker.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  deps.logger.info({ url, databaseKind: deps.db.client.config.client }, 'gateway listening');

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopGateway(server, workers, deps, overrides.db === undefined));
  return { url, server, deps, services, app, bootstrap, stop };
}

async function stopGateway(
  server: Server,
  workers: readonly BackgroundWorker[],
  deps: ServiceDeps,
  ownsDatabase: boolean,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would hold close() open: close them now and as each in-flight
  // request finishes; past the grace period, cut whatever is left.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const grace = setTimeout(() => server.closeAllConnections(), deps.config.shutdownGraceMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(grace);
  for (const worker of [...workers].reverse()) {
    await worker.stop().catch((error: unknown) => {
      deps.logger.error({ err: error, worker: worker.name }, 'worker failed to stop');
    });
  }
  if (ownsDatabase) await closeDatabases(deps);
  deps.logger.info('gateway stopped');
}

/** Closes the database and its read threads (composeServices's caller does this when done). */
export async function closeDatabases(deps: ServiceDeps): Promise<void> {
  await closeReadDatabase(deps.readDb, deps.db);
  await deps.db.destroy();
}

/** SIGTERM/SIGINT: stop gracefully once; a second signal exits at once. */
export function stopOnSignals(gateway: RunningGateway): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    gateway.deps.logger.info({ signal }, 'shutting down');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.deps.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
