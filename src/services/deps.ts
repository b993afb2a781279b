// Everything a service needs from the world, passed in one object (no module singletons).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Database } from '../store/db.js';
import type { BlobStore } from '../store/blob-store.js';
import type { SecretBox } from '../store/secret-box.js';
import type { IdGenerator } from './ids.js';

export interface ServiceDeps {
  readonly db: Database;
  /**
   * For reads outside a transaction that may be heavy (catalog pages, key lookups): on SQLite,
   * connections in worker threads (store/sqlite-read-database.ts), so they never block the event
   * loop; elsewhere `db` itself. It sees every committed write, never an open transaction's.
   */
  readonly readDb: Database;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly blobs: BlobStore;
  /** Seals the secrets the database holds (webhook secrets, fingerprint keys) under the master key. */
  readonly secrets: SecretBox;
  readonly config: Config;
  readonly logger: Logger;
}
