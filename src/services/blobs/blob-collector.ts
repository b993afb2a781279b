// Garbage collection of the blob store: blobs no row of the database refers to (an upload refused
// before refusals cleaned up after themselves, an artifact of a job that failed after storing it)
// and what interrupted writes left. A dry run by default: `anonex admin blobs gc` lists, and
// deletes only with --delete.
import type { ListedObject } from '../../store/object-backend.js';
import { listReferencedHashes } from '../../store/repositories/blob-references.js';
import type { ServiceDeps } from '../deps.js';

export interface BlobCollectionOptions {
  /** False: list what would go, delete nothing. */
  readonly delete: boolean;
  /** Wall-clock now (blob and temp-file times are wall-clock). */
  readonly nowMs: number;
  /**
   * Only what is older than this is collected: a job or an upload in progress on a running
   * gateway stores its blob before its row commits.
   */
  readonly minAgeMs: number;
}

export interface BlobCollection {
  /** Blob objects no database row refers to, older than the minimum age. */
  readonly unreferenced: readonly ListedObject[];
  /** Unreferenced objects younger than the minimum age, left alone. */
  readonly tooYoung: number;
  /** Objects deleted (0 on a dry run). */
  readonly deleted: number;
  /** Staging removed (temp files, temp objects, incomplete multipart uploads; 0 on a dry run). */
  readonly stagingRemoved: number;
}

export class BlobCollector {
  constructor(private readonly deps: Pick<ServiceDeps, 'db' | 'blobs' | 'logger'>) {}

  async collect(options: BlobCollectionOptions): Promise<BlobCollection> {
    const { blobs } = this.deps;
    const kept = new Set<string>();
    for (const sha256 of await listReferencedHashes(this.deps.db)) {
      for (const name of blobs.objectNamesOf(sha256, true)) kept.add(name);
      for (const name of blobs.objectNamesOf(sha256, false)) kept.add(name);
    }
    const cutoffMs = options.nowMs - options.minAgeMs;
    const candidates = (await blobs.listBlobObjects()).filter((object) => !kept.has(object.name));
    const unreferenced = candidates.filter((object) => object.modifiedAtMs < cutoffMs);
    if (!options.delete) {
      return {
        unreferenced,
        tooYoung: candidates.length - unreferenced.length,
        deleted: 0,
        stagingRemoved: 0,
      };
    }
    let deleted = 0;
    for (const object of unreferenced) {
      await blobs.deleteBlobObject(object.name);
      deleted += 1;
    }
    const stagingRemoved = await blobs.sweepStaging(options.nowMs, options.minAgeMs);
    this.deps.logger.info({ deleted, stagingRemoved }, 'blob store: unreferenced blobs removed');
    return {
      unreferenced,
      tooYoung: candidates.length - unreferenced.length,
      deleted,
      stagingRemoved,
    };
  }
}
