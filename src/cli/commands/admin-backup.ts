// `anonex admin backup <dir>` and `anonex admin restore <dir>`: a consistent snapshot of the
// configured deployment while it runs, and its return onto an empty data directory (docs/backup.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import { createBackup } from '../../services/backup/create-backup.js';
import { restoreBackup } from '../../services/backup/restore-backup.js';
import { openDatabase } from '../../store/db.js';
import { parseMasterKey } from '../../store/master-key.js';
import { openBlobStore } from '../../store/open-blob-store.js';
import type { CliIo } from '../cli-io.js';

/** The configured master key, or DATA_DIR/master.key; never generates one (unlike a first start). */
function existingMasterKey(config: Config): Buffer {
  if (config.masterKey !== undefined) return parseMasterKey(config.masterKey);
  return parseMasterKey(readFileSync(join(config.dataDir, 'master.key'), 'utf8'));
}

/** DATA_DIR/master.key (0600), unless the operator already put one there (the start then checks it). */
function saveMasterKey(config: Config, masterKey: Buffer): void {
  try {
    writeFileSync(join(config.dataDir, 'master.key'), `${masterKey.toString('hex')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function backupCommand(io: CliIo): Command {
  return new Command('backup')
    .description(
      'write a consistent snapshot (database, blobs or the bucket manifest, sealed ledger keys, ' +
        'a manifest of hashes) into a new or empty directory while gateways run; never the master key',
    )
    .argument('<dir>', 'directory to create (or an empty one)')
    .action(async (dir: string) => {
      const config = loadConfig(io.env);
      const masterKey = existingMasterKey(config);
      const db = await openDatabase({
        url: config.databaseUrl,
        schema: config.databaseSchema,
        poolMax: 2,
      });
      try {
        const started = Date.now();
        const manifest = await createBackup(
          {
            db,
            blobs: await openBlobStore(config.blobStore, masterKey),
            masterKey,
            dataDir: config.dataDir,
            nowMs: started,
          },
          resolve(dir),
        );
        const bytes = manifest.files.reduce((sum, file) => sum + file.sizeBytes, 0);
        io.out(
          `backup ${resolve(dir)}: ${manifest.database.kind} database, ${manifest.files.length} files, ` +
            `${megabytes(bytes)}, ${manifest.ledgerKeyFiles.length} ledger key files sealed, ` +
            `${Date.now() - started} ms\n`,
        );
        io.err(
          'anonex: keep the master key apart from this backup: nothing in it opens without it\n',
        );
      } finally {
        await db.destroy();
      }
    });
}

export function restoreCommand(io: CliIo): Command {
  return new Command('restore')
    .description(
      'restore a backup onto an EMPTY data directory (and an empty PostgreSQL schema); ' +
        'checks every hash and the master key first',
    )
    .argument('<dir>', 'the backup directory')
    .option(
      '--master-key-file <path>',
      'the master key (written to DATA_DIR/master.key unless ANONEX_MASTER_KEY is set)',
    )
    .action(async (dir: string, options: { masterKeyFile?: string }) => {
      const config = loadConfig(io.env);
      const fromFile =
        options.masterKeyFile === undefined
          ? undefined
          : parseMasterKey(readFileSync(options.masterKeyFile, 'utf8'));
      const masterKey = fromFile ?? existingMasterKey(config);
      const started = Date.now();
      const outcome = await restoreBackup(resolve(dir), config, masterKey);
      if (fromFile !== undefined && config.masterKey === undefined)
        saveMasterKey(config, masterKey);
      io.out(
        `restored ${resolve(dir)} into ${config.dataDir}: ${outcome.manifest.database.kind} database, ` +
          `${outcome.restoredFiles} blob files, ${outcome.ledgerKeyFiles} ledger key files, ` +
          `${Date.now() - started} ms\n`,
      );
    });
}
