// Opens the blob store a configuration names — the local directory or an S3-compatible bucket —
// for the gateway (which also checks the master key against the store) and for worker threads.
import type { BlobStore, BlobStoreLocation, BlobStoreSpec } from './blob-store.js';
import type { ContentAddressedBlobStore } from './content-addressed-blob-store.js';
import { FileBlobStore } from './file-blob-store.js';
import { verifyMasterKeyMatchesStore } from './master-key-check.js';
import { S3BlobStore } from './s3-blob-store.js';

/** The store at `location`, without checking the key (worker threads: the gateway checked it). */
export function blobStoreAt(
  location: BlobStoreLocation,
  masterKey: Buffer,
): ContentAddressedBlobStore {
  return location.kind === 'file'
    ? new FileBlobStore(location.dataDir, masterKey)
    : new S3BlobStore(location, masterKey);
}

/** A worker thread's view of its gateway's store (see BlobStore.workerSpec). */
export function blobStoreFromSpec(spec: BlobStoreSpec): BlobStore {
  const key = Buffer.from(spec.masterKey);
  return blobStoreAt(spec.location, key);
}

/**
 * Opens the store and checks that `masterKey` is the key its raw blobs are under, recording it on
 * first use; a different key fails with `master_key_mismatch` before anything is written.
 */
export async function openBlobStore(
  location: BlobStoreLocation,
  masterKey: Buffer,
): Promise<ContentAddressedBlobStore> {
  const store = blobStoreAt(location, masterKey);
  await verifyMasterKeyMatchesStore(store.backend, masterKey);
  return store;
}
