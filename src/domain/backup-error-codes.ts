// The codes backup and restore fail with (`anonex admin backup|restore`): words here, below every
// layer, so the edges can list them without importing the store; src/store/errors.ts raises them.
export const BACKUP_ERROR_CODES = [
  /** The backup's target directory exists and is not empty. */
  'backup_target_not_empty',
  /** The data directory or the database a restore writes to already holds data. */
  'restore_target_not_empty',
  /** A backup's manifest or file does not parse, or a file's hash differs from the manifest. */
  'backup_unreadable',
  /** The master key given to a restore is not the one the backup was made under. */
  'backup_master_key_mismatch',
  /** The backup is of another database kind or blob store, or has migrations this software lacks. */
  'backup_incompatible',
  /** An object-storage object the backup's manifest lists is not in the bucket. */
  'backup_object_missing',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];
