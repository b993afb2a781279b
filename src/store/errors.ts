// Typed errors of the storage layer (blob store, master key); the HTTP edge maps each code once.
// The codes are domain words (src/domain/store-error-codes.ts) so the edge reads them from there.
import { AnonexError } from '../core/errors.js';
import { BACKUP_ERROR_CODES, type BackupErrorCode } from '../domain/backup-error-codes.js';
import { STORE_ERROR_CODES, type StoreErrorCode } from '../domain/store-error-codes.js';

export { STORE_ERROR_CODES, type StoreErrorCode, BACKUP_ERROR_CODES, type BackupErrorCode };

export class StoreError extends AnonexError<StoreErrorCode> {
  readonly area = 'store';
}

/** Backup and restore (`anonex admin backup|restore`): the CLI prints the message and exits 1. */
export class BackupError extends AnonexError<BackupErrorCode> {
  readonly area = 'backup';
}
