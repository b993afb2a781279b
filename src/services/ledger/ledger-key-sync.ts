// Keeps the exchange's checkpoint keys the same on every gateway of a deployment that shares a blob
// store (several gateways on their own DATA_DIRs, one bucket): each gateway seals its key files
// (DATA_DIR/ledger/keys) into the store under `ledger-keys/`, and writes those it lacks into its
// DATA_DIR (0600). The store seals them under the master key, so a file added to the bucket by
// anyone without that key is refused: the certificates stay trust anchors.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../../store/blob-store.js';
import { ledgerKeysDirectory, writePrivateFile } from './exchange-identity.js';

const SHARED_DIRECTORY = 'ledger-keys';
const KEY_FILE = /^[0-9a-f]{64}\.(key|cert)\.pem$/;

/** Uploads the key files this gateway has and the store lacks, then fetches the converse. */
export async function syncLedgerKeys(
  dataDir: string,
  blobs: BlobStore,
): Promise<{ uploaded: number; fetched: number }> {
  const directory = ledgerKeysDirectory(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const local = new Set(readdirSync(directory).filter((file) => KEY_FILE.test(file)));
  const shared = new Set(
    (await blobs.listSealedFiles(SHARED_DIRECTORY)).filter((file) => KEY_FILE.test(file)),
  );
  let uploaded = 0;
  let fetched = 0;
  for (const file of local) {
    if (shared.has(file)) continue;
    await blobs.putSealedFile(`${SHARED_DIRECTORY}/${file}`, readFileSync(join(directory, file)));
    uploaded++;
  }
  for (const file of shared) {
    if (local.has(file)) continue;
    const content = await blobs.getSealedFile(`${SHARED_DIRECTORY}/${file}`);
    if (content === undefined) continue;
    writePrivateFile(join(directory, file), content.toString('utf8'));
    fetched++;
  }
  return { uploaded, fetched };
}
