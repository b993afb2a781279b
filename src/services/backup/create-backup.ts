// `anonex admin backup`: a consistent snapshot of a deployment while its gateways run — the
// database as of one transaction, then the blobs (content-addressed and never rewritten, so every
// blob the snapshot refers to is already there), the ledger's keys sealed, and a manifest of hashes.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOFTWARE } from '../../software.js';
import { BackupError } from '../../store/errors.js';
import { exportPostgres } from '../../store/backup/postgres-export.js';
import { snapshotSqlite } from '../../store/backup/sqlite-snapshot.js';
import type { ContentAddressedBlobStore } from '../../store/content-addressed-blob-store.js';
import { isPostgres, type Database } from '../../store/db.js';
import { masterKeyCheckValue } from '../../store/master-key-check.js';
import { appliedMigrations } from '../../store/migrate.js';
import { SecretBox } from '../../store/secret-box.js';
import {
  BACKUP_FORMAT,
  BLOBS_DIRECTORY,
  LEDGER_KEYS_FILE,
  POSTGRES_FILE,
  SQLITE_FILE,
  writeManifest,
  type BackupManifest,
} from './backup-manifest.js';
import { BACKED_UP_PREFIXES, objectPath } from './backup-objects.js';
import { copyFileHashed, hashFile } from './hashed-files.js';
import { sealLedgerKeyFiles } from './ledger-key-files.js';

export interface BackupSource {
  readonly db: Database;
  readonly blobs: ContentAddressedBlobStore;
  readonly masterKey: Buffer;
  readonly dataDir: string;
  readonly nowMs: number;
}

/** Creates `directory` (0700), refusing one that exists with anything in it. */
function createEmptyDirectory(directory: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (entries.length > 0) {
    throw new BackupError('backup_target_not_empty', `${directory} is not empty`, {
      details: { directory, entries: entries.length },
    });
  }
  mkdirSync(directory, { recursive: true, mode: 0o700 });
}

async function snapshotDatabase(
  db: Database,
  directory: string,
): Promise<BackupManifest['database']> {
  const migrations = await appliedMigrations(db);
  if (isPostgres(db)) {
    const tables = await exportPostgres(db, join(directory, POSTGRES_FILE));
    return { kind: 'postgres', file: POSTGRES_FILE, migrations, tables };
  }
  await snapshotSqlite(db, join(directory, SQLITE_FILE));
  return { kind: 'sqlite', file: SQLITE_FILE, migrations, tables: [] };
}

async function listObjects(blobs: ContentAddressedBlobStore): Promise<string[]> {
  const names: string[] = [];
  for (const prefix of BACKED_UP_PREFIXES) names.push(...(await blobs.backend.list(prefix)));
  return names.sort();
}

/**
 * Writes a backup of `source` into `directory` (new or empty) and returns its manifest. The master
 * key is never written: raw blobs stay encrypted under it, and the ledger keys are sealed with it.
 */
export async function createBackup(
  source: BackupSource,
  directory: string,
): Promise<BackupManifest> {
  createEmptyDirectory(directory);
  const database = await snapshotDatabase(source.db, directory);
  const files: BackupManifest['files'] = [
    { path: database.file, ...(await hashFile(join(directory, database.file))) },
  ];
  const objects = await listObjects(source.blobs);
  const location = source.blobs.workerSpec().location;
  let blobStore: BackupManifest['blobStore'];
  if (location.kind === 'file') {
    for (const name of objects) {
      const path = join(BLOBS_DIRECTORY, name);
      const copied = await copyFileHashed(
        objectPath(location.dataDir, name),
        objectPath(join(directory, BLOBS_DIRECTORY), name),
      );
      files.push({ path, ...copied });
    }
    blobStore = { kind: 'file' };
  } else {
    // The bucket keeps its own objects (versioning, replication); the backup names what must be there.
    blobStore = { kind: 's3', bucket: location.bucket, prefix: location.prefix, objects };
  }
  const sealedKeys = sealLedgerKeyFiles(source.dataDir, new SecretBox(source.masterKey));
  writeFileSync(join(directory, LEDGER_KEYS_FILE), `${JSON.stringify(sealedKeys, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  files.push({ path: LEDGER_KEYS_FILE, ...(await hashFile(join(directory, LEDGER_KEYS_FILE))) });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    software: { name: SOFTWARE.name, version: SOFTWARE.version },
    createdAtMs: source.nowMs,
    masterKeyCheck: masterKeyCheckValue(source.masterKey).toString('hex'),
    database,
    blobStore,
    ledgerKeyFiles: Object.keys(sealedKeys),
    files,
  };
  writeManifest(directory, manifest);
  return manifest;
}
