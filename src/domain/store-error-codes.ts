// The codes the storage layer fails with (blob store, master key, sealed secrets, data directory).
// They are words here, below every layer, so the HTTP and console edges can answer with them
// without importing the store; src/store/errors.ts raises them as StoreError.
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
