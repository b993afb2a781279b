// The manifest of a backup directory (`manifest.json`): what it holds, and the hash of every file,
// so a restore refuses a backup that was cut short, edited or assembled from two backups.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BackupError } from '../../store/errors.js';

export const BACKUP_FORMAT = 'anonex-backup/1';
export const MANIFEST_FILE = 'manifest.json';
/** The SQLite database (VACUUM INTO), or the PostgreSQL rows (table-rows-file.ts). */
export const SQLITE_FILE = 'database.sqlite';
export const POSTGRES_FILE = 'database.jsonl';
/** The ledger's checkpoint key files, each sealed under the master key. */
export const LEDGER_KEYS_FILE = 'ledger-keys.json';
/** Blob files of the directory store, under their names in DATA_DIR (`blobs/…`). */
export const BLOBS_DIRECTORY = 'blobs';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  software: z.object({ name: z.string(), version: z.string() }),
  createdAtMs: z.number().int(),
  /** HMAC check value of the master key (store/master-key-check.ts): never the key. */
  masterKeyCheck: sha256Hex,
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    file: z.string(),
    migrations: z.array(z.string()),
    /** Rows per table (PostgreSQL), for the operator; SQLite copies the file whole. */
    tables: z.array(z.object({ table: z.string(), rows: z.number().int() })),
  }),
  blobStore: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('file') }),
    z.object({
      kind: z.literal('s3'),
      bucket: z.string(),
      prefix: z.string(),
      /** Every object under `blobs/` when the backup was made: names carry the content hash. */
      objects: z.array(z.string()),
    }),
  ]),
  ledgerKeyFiles: z.array(z.string()),
  /** Every file of the backup but the manifest, with its hash. */
  files: z.array(z.object({ path: z.string(), sha256: sha256Hex, sizeBytes: z.number().int() })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export function writeManifest(directory: string, manifest: BackupManifest): void {
  writeFileSync(join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
}

/** Reads and validates `directory/manifest.json`; anything else is `backup_unreadable`. */
export function readManifest(directory: string): BackupManifest {
  const path = join(directory, MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BackupError('backup_unreadable', `${path} cannot be read as JSON`, {
      details: { path },
      cause: error,
    });
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new BackupError('backup_unreadable', `${path} is not an ${BACKUP_FORMAT} manifest`, {
      details: { path },
      issues: result.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        reason: issue.message,
      })),
    });
  }
  return result.data;
}
