// `anonex admin restore`: brings a backup back onto an empty data directory (and an empty
// database), after checking every file's hash and that the master key is the backup's.
import { timingSafeEqual } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../../config.js';
import { BackupError } from '../../store/errors.js';
import { importPostgres } from '../../store/backup/postgres-import.js';
import { tablesInDependencyOrder } from '../../store/backup/postgres-tables.js';
import { sqliteFileOf } from '../../store/backup/sqlite-snapshot.js';
import { databaseKind, openDatabase } from '../../store/db.js';
import { masterKeyCheckValue } from '../../store/master-key-check.js';
import { isKnownMigrationPrefix, migrateToLatest, migrateUpTo } from '../../store/migrate.js';
import { openBlobStore } from '../../store/open-blob-store.js';
import { makeDataDirectoryPrivate } from '../../store/private-data-dir.js';
import { SecretBox } from '../../store/secret-box.js';
import {
  BLOBS_DIRECTORY,
  LEDGER_KEYS_FILE,
  readManifest,
  type BackupManifest,
} from './backup-manifest.js';
import { objectPath } from './backup-objects.js';
import { copyFileHashed, hashFile } from './hashed-files.js';
import { restoreLedgerKeyFiles } from './ledger-key-files.js';

/** Files a data directory may hold before a restore: the master key the operator put there. */
const ALLOWED_BEFORE_RESTORE: ReadonlySet<string> = new Set(['master.key']);

export interface RestoreOutcome {
  readonly manifest: BackupManifest;
  readonly restoredFiles: number;
  readonly ledgerKeyFiles: number;
}

async function verifyFiles(directory: string, manifest: BackupManifest): Promise<void> {
  for (const file of manifest.files) {
    const path = objectPath(directory, file.path);
    const found = existsSync(path) ? await hashFile(path) : undefined;
    if (found?.sha256 !== file.sha256 || found.sizeBytes !== file.sizeBytes) {
      throw new BackupError(
        'backup_unreadable',
        `${file.path} in ${directory} ${found === undefined ? 'is missing' : 'differs from the manifest'}`,
        { details: { file: file.path, want: file.sha256, got: found?.sha256 ?? null } },
      );
    }
  }
}

function verifyMasterKey(manifest: BackupManifest, masterKey: Buffer): void {
  const want = Buffer.from(manifest.masterKeyCheck, 'hex');
  const got = masterKeyCheckValue(masterKey);
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    throw new BackupError(
      'backup_master_key_mismatch',
      'the master key is not the one the backup was made under (ANONEX_MASTER_KEY or --master-key-file)',
      { details: { variable: 'ANONEX_MASTER_KEY' } },
    );
  }
}

function verifyCompatible(manifest: BackupManifest, config: Config): void {
  const kind = databaseKind(config.databaseUrl);
  if (kind !== manifest.database.kind || config.blobStore.kind !== manifest.blobStore.kind) {
    throw new BackupError(
      'backup_incompatible',
      `the backup is of a ${manifest.database.kind} database with a ${manifest.blobStore.kind} blob store; ` +
        `this configuration has ${kind} and ${config.blobStore.kind}`,
      {
        details: {
          backup: { database: manifest.database.kind, blobStore: manifest.blobStore.kind },
          config: { database: kind, blobStore: config.blobStore.kind },
        },
      },
    );
  }
  if (!isKnownMigrationPrefix(manifest.database.migrations)) {
    throw new BackupError(
      'backup_incompatible',
      `the backup's schema has migrations this software does not know: restore with ${manifest.software.name} ${manifest.software.version}`,
      { details: { version: manifest.software.version } },
    );
  }
}

function verifyEmptyDataDir(dataDir: string): void {
  const entries = existsSync(dataDir)
    ? readdirSync(dataDir).filter((entry) => !ALLOWED_BEFORE_RESTORE.has(entry))
    : [];
  if (entries.length > 0) {
    throw new BackupError(
      'restore_target_not_empty',
      `${dataDir} is not empty: a restore writes only onto an empty data directory`,
      { details: { dataDir, entries: entries.slice(0, 10) } },
    );
  }
}

function restoreSqlite(backupDir: string, manifest: BackupManifest, config: Config): void {
  const target = sqliteFileOf(config.databaseUrl);
  if (target === undefined) {
    throw new BackupError('backup_incompatible', 'cannot restore into an in-memory database');
  }
  if (existsSync(target)) {
    throw new BackupError('restore_target_not_empty', `${target} exists`, {
      details: { file: target },
    });
  }
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  copyFileSync(join(backupDir, manifest.database.file), target, constants.COPYFILE_EXCL);
}

async function restorePostgres(
  backupDir: string,
  manifest: BackupManifest,
  config: Config,
): Promise<void> {
  const db = await openDatabase({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    poolMax: 2,
  });
  try {
    const existing = await tablesInDependencyOrder(db);
    if (existing.length > 0) {
      throw new BackupError(
        'restore_target_not_empty',
        `the database schema already has tables (${existing.slice(0, 5).join(', ')}…)`,
        { details: { tables: existing.length } },
      );
    }
    // Rows go into the schema they were read from; later migrations then run over them.
    await migrateUpTo(db, manifest.database.migrations);
    await importPostgres(db, join(backupDir, manifest.database.file));
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

async function restoreObjects(
  backupDir: string,
  manifest: BackupManifest,
  config: Config,
  masterKey: Buffer,
): Promise<number> {
  const location = config.blobStore;
  if (manifest.blobStore.kind === 'file' && location.kind === 'file') {
    const prefix = `${BLOBS_DIRECTORY}/`;
    let copied = 0;
    for (const file of manifest.files) {
      if (!file.path.startsWith(prefix)) continue;
      const name = file.path.slice(prefix.length);
      await copyFileHashed(objectPath(backupDir, file.path), objectPath(location.dataDir, name));
      copied++;
    }
    return copied;
  }
  if (manifest.blobStore.kind !== 's3') return 0;
  // The bucket is not copied: check that it still holds what the backup names, under this key.
  const store = await openBlobStore(location, masterKey);
  for (const name of manifest.blobStore.objects) {
    if (!(await store.backend.exists(name))) {
      throw new BackupError('backup_object_missing', `${name} is not in ${store.backend.where}`, {
        details: { name, store: store.backend.where },
      });
    }
  }
  return 0;
}

/**
 * Restores the backup in `backupDir` for `config`: checks every file's hash, the master key and
 * the configuration's kinds, refuses a data directory (or PostgreSQL schema) holding anything,
 * then writes the database, the blobs (or checks the bucket) and the ledger's key files.
 */
export async function restoreBackup(
  backupDir: string,
  config: Config,
  masterKey: Buffer,
): Promise<RestoreOutcome> {
  const manifest = readManifest(backupDir);
  verifyCompatible(manifest, config);
  verifyMasterKey(manifest, masterKey);
  verifyEmptyDataDir(config.dataDir);
  await verifyFiles(backupDir, manifest);
  makeDataDirectoryPrivate(config.dataDir);
  if (manifest.database.kind === 'sqlite') restoreSqlite(backupDir, manifest, config);
  else await restorePostgres(backupDir, manifest, config);
  const restoredFiles = await restoreObjects(backupDir, manifest, config, masterKey);
  const sealed = JSON.parse(readFileSync(join(backupDir, LEDGER_KEYS_FILE), 'utf8')) as Record<
    string,
    string
  >;
  const written = restoreLedgerKeyFiles(config.dataDir, new SecretBox(masterKey), sealed);
  return { manifest, restoredFiles, ledgerKeyFiles: written.length };
}
