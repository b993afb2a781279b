// Typed errors of the storage layer (blob store, master key); the HTTP edge maps each code once.
import { AnonexError } from '../core/errors.js';

export const STORE_ERROR_CODES = [
  'blob_not_found',
  'blob_integrity_failed',
  'blob_too_large',
  'master_key_invalid',
  'master_key_mismatch',
  /** A sealed database secret does not open: edited, moved to another row, or another master key. */
  'secret_unreadable',
  /** DATA_DIR or a file in it cannot be made readable by the owner only. */
  'data_dir_insecure',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export class StoreError extends AnonexError<StoreErrorCode> {
  readonly area = 'store';
}
